package dev.locket.domain.types;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;

/** PocketBase's id formats: random record ids and the CRC-32 based collection and field ids. */
public final class Ids {
    private static final String RECORD_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    /** 15 random characters of {@code [a-z0-9]}, the default record id. */
    public static String recordId(RandomGenerator random) {
        return random(random, RECORD_ALPHABET, 15);
    }

    public static String random(RandomGenerator random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** {@code pbc_} + decimal CRC-32 of type + name (auth {@code _superusers} → {@code pbc_3142635823}). */
    public static String collectionId(String type, String name) {
        return "pbc_" + crc32(type + name);
    }

    /** type + decimal CRC-32 of the field name (the {@code id} text field → {@code text3208210256}). */
    public static String fieldId(String type, String name) {
        return type + crc32(name);
    }

    public static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
