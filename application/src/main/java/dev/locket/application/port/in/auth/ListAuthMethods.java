package dev.locket.application.port.in.auth;

import java.util.Map;

/** {@code GET /api/collections/{collection}/auth-methods}: the enabled methods as PocketBase lists them. */
public interface ListAuthMethods {

    /** The JSON-shaped response object (auth.md §4.1). */
    Map<String, Object> listAuthMethods(String collection);
}
