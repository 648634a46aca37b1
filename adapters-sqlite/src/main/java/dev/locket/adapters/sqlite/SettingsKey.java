package dev.locket.adapters.sqlite;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The key the stored settings are encrypted with, as PocketBase's {@code --encryptionEnv NAME} gives
 * it: the value of environment variable {@code NAME}, used as the raw bytes of an AES key (32
 * characters for AES-256). No name, or an empty variable, leaves the settings stored as plain JSON.
 *
 * @param envName the variable's name (for messages), empty when none was named
 * @param key     its value, empty when unset or empty
 */
public record SettingsKey(String envName, Optional<String> key) {

    public SettingsKey {
        Objects.requireNonNull(envName);
        key = Objects.requireNonNull(key).filter(k -> !k.isEmpty());
        key.ifPresent(k -> {
            int bytes = k.getBytes(StandardCharsets.UTF_8).length;
            if (bytes != 16 && bytes != 24 && bytes != 32) {
                // AES takes 16, 24 or 32 key bytes; upstream's save would fail later with "invalid key size"
                throw new IllegalArgumentException("the settings encryption key in " + envName
                        + " must be 32 characters long (AES-256), it has " + bytes + " bytes");
            }
        });
    }

    /** No encryption. */
    public static SettingsKey none() {
        return new SettingsKey("", Optional.empty());
    }

    /** The key named by {@code --encryptionEnv NAME}: read from the process environment. */
    public static SettingsKey fromEnv(String envName) {
        return envName == null || envName.isEmpty() ? none()
                : new SettingsKey(envName, Optional.ofNullable(System.getenv(envName)));
    }
}
