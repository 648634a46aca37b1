package dev.locket.application.fake;

import dev.locket.application.port.out.PasswordHasher;

/** A reversible stand-in for bcrypt: {@code "hashed:" + plain}. */
public final class PlainHasher implements PasswordHasher {
    @Override
    public String hash(String plain, int cost) {
        return "hashed:" + plain;
    }

    @Override
    public boolean matches(String plain, String hash) {
        return hash != null && hash.equals("hashed:" + plain);
    }
}
