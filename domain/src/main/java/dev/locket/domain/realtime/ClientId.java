package dev.locket.domain.realtime;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** A realtime client's id: PocketBase hands out 40 random {@code A-Za-z0-9} characters. */
public record ClientId(String value) {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public static final int LENGTH = 40;

    public ClientId {
        Objects.requireNonNull(value);
    }

    public static ClientId random(RandomGenerator random) {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ClientId(sb.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
