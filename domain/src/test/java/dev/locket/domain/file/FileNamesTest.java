package dev.locket.domain.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FileNamesTest {
    private final Random random = new Random(1);

    @Test
    void snakeCasesTheBaseAndKeepsTheExtension() {
        assertTrue(FileNames.storedName("Hello World.PNG", "image/png", random).matches("hello_world_[a-z0-9]{10}\\.PNG"));
        assertTrue(FileNames.storedName("myFileName.txt", "", random).matches("my_file_name_[a-z0-9]{10}\\.txt"));
    }

    @Test
    void takesTheLastTwoDotsAsTheExtension() {
        assertTrue(FileNames.storedName("archive.tar.gz", "", random).matches("archive_[a-z0-9]{10}\\.tar\\.gz"));
        assertTrue(FileNames.storedName("my.photo.png", "", random).matches("my[a-z0-9]{10}_[a-z0-9]{10}\\.photo\\.png"));
    }

    @Test
    void shortBasesGetARandomPartAndMissingExtensionsComeFromTheContent() {
        assertTrue(FileNames.storedName("a.txt", "", random).matches("a[a-z0-9]{10}_[a-z0-9]{10}\\.txt"));
        assertTrue(FileNames.storedName("blob", "image/png", random).matches("blob_[a-z0-9]{10}\\.png"));
        assertTrue(FileNames.storedName("", "", random).matches("[a-z0-9]{10}_[a-z0-9]{10}"));
    }

    @Test
    void separatorsAndTraversalNeverSurvive() {
        String name = FileNames.storedName("../../etc/passwd", "", random);
        assertTrue(FileKeys.isSafeSegment(name), name);
        assertTrue(name.matches("[a-z0-9]{10}_[a-z0-9]{10}\\.etcpasswd"), name);
        String odd = FileNames.storedName("x.<script>/..\\y", "", random);
        assertTrue(FileKeys.isSafeSegment(odd), odd);
    }

    @Test
    void longNamesAreCut() {
        String name = FileNames.storedName("a".repeat(400) + ".txt", "", random);
        assertEquals(100 + 1 + 10 + 4, name.length());
        String ext = FileNames.storedName("x." + "e".repeat(40), "", random);
        assertTrue(ext.endsWith("." + "e".repeat(20)), ext);
    }
}
