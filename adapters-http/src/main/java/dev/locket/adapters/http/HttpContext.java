package dev.locket.adapters.http;

/** What every route needs: the inbound ports, the body limit and the CORS origins. */
record HttpContext(HttpPorts ports, long bodyLimit, java.util.List<String> allowedOrigins) {
}
