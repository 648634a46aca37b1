package dev.locket.adapters.http.wire;

/**
 * What the request side of one HTTP/1 connection learnt about the request being served, for the
 * response side: HTTP/1 serves requests one after another, so the response written after a request
 * head was handed to Helidon belongs to that request.
 *
 * @param method      the request method ({@code HEAD} responses carry no body)
 * @param http10      the client spoke HTTP/1.0 (the response is translated back to 1.0)
 * @param keepAlive   an HTTP/1.0 client asked {@code Connection: keep-alive}
 * @param closeAfter  the connection ends after this response (client's {@code Connection: close},
 *                    HTTP/1.0 without keep-alive, framing that cannot be trusted for a next request)
 */
record WireExchange(String method, boolean http10, boolean keepAlive, boolean closeAfter) {
}
