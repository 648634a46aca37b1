package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BufferedSecureRandomTest {

    private static SecureRandom seeded() throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42L); // before any output: SHA1PRNG is then deterministic
        return r;
    }

    @Test
    void everyValueIsTheSecureSourcesNextBytesInOrderAndNoneIsServedTwice() throws Exception {
        SecureRandom reference = seeded();
        BufferedSecureRandom random = new BufferedSecureRandom(seeded());
        for (int block = 0; block < 4; block++) {
            byte[] bytes = new byte[512];
            reference.nextBytes(bytes);
            ByteBuffer want = ByteBuffer.wrap(bytes);
            for (int i = 0; i < 32; i++) {
                assertEquals(want.getLong(), random.nextLong());
                assertEquals(want.getInt(), random.nextInt());
                assertEquals(want.getInt(), random.nextInt());
            }
        }
    }

    @Test
    void boundedValuesCoverTheRangeEvenly() {
        BufferedSecureRandom random = new BufferedSecureRandom(new SecureRandom());
        int[] counts = new int[36];
        for (int i = 0; i < 36_000; i++) {
            counts[random.nextInt(36)]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, "each of 36 values about 1000 times: " + java.util.Arrays.toString(counts));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(dev.locket.domain.types.Ids.recordId(random));
        }
        assertEquals(10_000, ids.size(), "record ids do not repeat");
    }
}
