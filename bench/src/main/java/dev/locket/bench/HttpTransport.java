package dev.locket.bench;

import java.io.IOException;

/** How the load runner sends one timed request: a new connection each time, or a pooled keep-alive one. */
public interface HttpTransport {
    HttpResponse send(String method, String target, String token, byte[] body, int timeoutMillis) throws IOException;
}
