package dev.locket.application.port.in.auth;

/** {@code GET /api/collections/{collection}/auth-methods}: the enabled methods as PocketBase lists them. */
public interface ListAuthMethods {

    AuthMethods listAuthMethods(String collection);
}
