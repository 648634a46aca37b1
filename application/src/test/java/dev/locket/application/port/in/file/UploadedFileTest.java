package dev.locket.application.port.in.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.file.UploadedFile.Placement;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadedFileTest {

    private static final FileContent EMPTY = offset -> new ByteArrayInputStream(new byte[0]);

    @Test
    void aPartKeyIsDecodedIntoTheFileFieldAndWhereTheFilesGo() {
        UploadedFile set = UploadedFile.forKey("docs", "a.txt", 0, EMPTY).orElseThrow();
        UploadedFile append = UploadedFile.forKey("docs+", "a.txt", 0, EMPTY).orElseThrow();
        UploadedFile prepend = UploadedFile.forKey("+docs", "a.txt", 0, EMPTY).orElseThrow();

        assertEquals(List.of("docs", "docs", "docs"), List.of(set.field(), append.field(), prepend.field()));
        assertEquals(List.of(Placement.SET, Placement.APPEND, Placement.PREPEND),
                List.of(set.placement(), append.placement(), prepend.placement()));
        assertEquals(List.of("docs", "docs+", "+docs"), List.of(set.key(), append.key(), prepend.key()));
    }

    @Test
    void otherKeysNameNoFileTarget() {
        // upstream reads a file field's parts under <field>, <field>+ and +<field> only
        for (String key : List.of("docs-", "+docs+", "docs:x", "requests.0.docs", "+", "", "do cs")) {
            assertTrue(UploadedFile.forKey(key, "a.txt", 0, EMPTY).isEmpty(), key);
            assertThrows(IllegalArgumentException.class, () -> new UploadedFile(key, "a.txt", 0, EMPTY), key);
        }
    }

    @Test
    void codeAttachingFilesNamesTheTargetAsAClientDoes() {
        UploadedFile file = UploadedFile.fromBytes("+gallery", "x.png", new byte[] {1, 2});

        assertEquals("gallery", file.field());
        assertEquals(Placement.PREPEND, file.placement());
        assertEquals(2, file.size());
        assertThrows(IllegalArgumentException.class, () -> UploadedFile.fromBytes("gallery-", "x.png", new byte[0]));
    }
}
