package dev.locket.bootstrap;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The default random source: bytes from a {@link SecureRandom}, drawn a block at a time. Every record id,
 * log entry id and realtime client id asks for one value per character; the JDK's default {@code NativePRNG}
 * takes a process-wide lock and mixes a SHA-1 digest on each of those calls, which queued request threads
 * behind each other under load (issue 16). A block of the same generator's output serves them instead; every
 * byte is still the secure generator's and none is handed out twice.
 */
public final class BufferedSecureRandom implements RandomGenerator {
    private static final int BLOCK = 512;

    private final SecureRandom source;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] block = new byte[BLOCK];
    private int next = BLOCK;

    public BufferedSecureRandom(SecureRandom source) {
        this.source = Objects.requireNonNull(source);
    }

    @Override
    public long nextLong() {
        return take(8);
    }

    @Override
    public int nextInt() {
        return (int) take(4);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) take(1);
        }
    }

    /** The next {@code n} (at most 8) bytes as the low bytes of a long. */
    private long take(int n) {
        lock.lock();
        try {
            if (next + n > BLOCK) {
                source.nextBytes(block);
                next = 0;
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (block[next] & 0xFF);
                block[next++] = 0; // spent bytes do not stay in memory
            }
            return v;
        } finally {
            lock.unlock();
        }
    }
}
