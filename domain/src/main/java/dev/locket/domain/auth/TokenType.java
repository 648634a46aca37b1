package dev.locket.domain.auth;

import java.util.Optional;

/** Token kinds, named as in the {@code type} claim. */
public enum TokenType {
    AUTH("auth"), FILE("file"), VERIFICATION("verification"), PASSWORD_RESET("passwordReset"),
    EMAIL_CHANGE("emailChange");

    private final String wire;

    TokenType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<TokenType> fromWire(String s) {
        for (TokenType t : values()) {
            if (t.wire.equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
