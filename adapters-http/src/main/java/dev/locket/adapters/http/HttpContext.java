package dev.locket.adapters.http;

/** What every route needs: the inbound ports and the body limit. */
record HttpContext(HttpPorts ports, long bodyLimit) {
}
