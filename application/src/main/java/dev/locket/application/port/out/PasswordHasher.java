package dev.locket.application.port.out;

/** bcrypt as PocketBase uses it ($2a$, Go-compatible). */
public interface PasswordHasher {

    String hash(String plain, int cost);

    /** Constant work whether or not the hash is valid. */
    boolean matches(String plain, String hash);
}
