package dev.locket.adapters.http.support;

import dev.locket.adapters.http.HttpPorts;

/** What every route needs: the inbound ports, the body limit and the CORS origins. */
public record HttpContext(HttpPorts ports, long bodyLimit, java.util.List<String> allowedOrigins) {
}
