package dev.locket.domain.settings;

import java.util.Objects;

/**
 * A settings value that must never be shown: the SMTP password and the S3 secrets. Upstream blanks
 * these before it answers the settings API, so every JSON form meant for clients leaves them out,
 * and {@link #toString()} hides the value from logs.
 */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

    public Secret {
        value = Objects.requireNonNullElse(value, "");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "Secret[]" : "Secret[***]";
    }
}
