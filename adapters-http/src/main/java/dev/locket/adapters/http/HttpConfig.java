package dev.locket.adapters.http;

import java.util.List;

/**
 * Where the HTTP server listens ({@code port} 0 picks a free port), the default request body limit
 * in bytes (PocketBase's 32 MiB unless given) and the CORS origins ({@code serve --origins};
 * {@code *} by default).
 */
public record HttpConfig(String host, int port, long bodyLimit, List<String> allowedOrigins) {

    public static final long DEFAULT_BODY_LIMIT = 32L << 20;

    public HttpConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (bodyLimit <= 0) {
            bodyLimit = DEFAULT_BODY_LIMIT;
        }
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
    }

    public HttpConfig(String host, int port, long bodyLimit) {
        this(host, port, bodyLimit, List.of("*"));
    }

    public HttpConfig(String host, int port) {
        this(host, port, DEFAULT_BODY_LIMIT);
    }
}
