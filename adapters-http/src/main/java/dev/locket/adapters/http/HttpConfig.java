package dev.locket.adapters.http;

/**
 * Where the HTTP server listens ({@code port} 0 picks a free port) and the default request body
 * limit in bytes (PocketBase's 32 MiB unless given).
 */
public record HttpConfig(String host, int port, long bodyLimit) {

    public static final long DEFAULT_BODY_LIMIT = 32L << 20;

    public HttpConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (bodyLimit <= 0) {
            bodyLimit = DEFAULT_BODY_LIMIT;
        }
    }

    public HttpConfig(String host, int port) {
        this(host, port, DEFAULT_BODY_LIMIT);
    }
}
