package dev.locket.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The optional keep-alive mode of WORKLOAD §1, never mixed with the comparable figures: each request borrows
 * an open connection (or opens one), sends without {@code Connection: close}, reads the response by its
 * framing and gives the connection back. With {@code conc} requests in flight at most {@code conc}
 * connections are open. A connection the server closed is dropped and the request fails as usual.
 */
public final class KeepAliveHttp implements HttpTransport, AutoCloseable {

    private record Conn(Socket socket, InputStream in) {
    }

    private final String host;
    private final int port;
    private final ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();

    public KeepAliveHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public HttpResponse send(String method, String target, String token, byte[] body, int timeoutMillis)
            throws IOException {
        Conn c = idle.poll();
        if (c == null) {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), Math.max(1, timeoutMillis));
            c = new Conn(s, new BufferedInputStream(s.getInputStream(), 16 * 1024));
        }
        boolean reusable = false;
        try {
            c.socket().setSoTimeout(Math.max(1, timeoutMillis));
            c.socket().getOutputStream().write(OneShotHttp.requestBytes(method, target, host + ":" + port, token,
                    body, true));
            HttpResponse r = HttpResponse.read(c.in(), method);
            reusable = !"close".equalsIgnoreCase(r.headers().getOrDefault("connection", ""));
            return r;
        } finally {
            if (reusable) {
                idle.add(c);
            } else {
                c.socket().close();
            }
        }
    }

    @Override
    public void close() {
        for (Conn c; (c = idle.poll()) != null; ) {
            try {
                c.socket().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
