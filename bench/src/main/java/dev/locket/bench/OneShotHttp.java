package dev.locket.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 client that opens a brand-new TCP connection for every request and closes it after
 * the response, as the upstream benchmark's one-client-per-request loop does (WORKLOAD §1).
 * java.net.http.HttpClient is avoided on purpose: it pools connections.
 */
public final class OneShotHttp implements HttpTransport {

    private final String host;
    private final int port;

    public OneShotHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Sends one request on a fresh connection and reads the whole response. */
    @Override
    public HttpResponse send(String method, String target, String token, byte[] body, int timeoutMillis)
            throws IOException {
        byte[] request = requestBytes(method, target, host + ":" + port, token, body);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            socket.connect(new InetSocketAddress(host, port), Math.max(1, timeoutMillis));
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            return HttpResponse.read(in, method);
        }
    }

    /** Convenience for untimed setup calls with a JSON string body (or none). */
    public HttpResponse send(String method, String target, String token, String jsonBody) throws IOException {
        return send(method, target, token, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8),
                300_000);
    }

    /**
     * Serialises a request. Every request carries Content-Type application/json (as upstream, even on
     * GET) and the bare token in Authorization; a body-less request sends no Content-Length, as Go's
     * client does.
     */
    static byte[] requestBytes(String method, String target, String hostHeader, String token, byte[] body) {
        return requestBytes(method, target, hostHeader, token, body, false);
    }

    /** As above; {@code keepAlive} leaves out {@code Connection: close} (the keep-alive mode). */
    static byte[] requestBytes(String method, String target, String hostHeader, String token, byte[] body,
                               boolean keepAlive) {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader).append("\r\n");
        head.append("User-Agent: locket-bench\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("Content-Type: application/json\r\n");
        if (token != null && !token.isEmpty()) {
            head.append("Authorization: ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
