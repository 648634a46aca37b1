package dev.locket.adapters.http.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP as bytes on a socket, for tests of what the server does with exact request framing. */
final class RawHttp {
    private RawHttp() {
    }

    /** What came back on a connection: the bytes, whether the server closed it, and how fast. */
    record Reply(String text, boolean closed, long millisToClose) {
        int count(String needle) {
            int n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                n++;
            }
            return n;
        }
    }

    /**
     * Sends {@code request} as ISO-8859-1 bytes and reads until the server closes the connection or
     * {@code waitMillis} pass without it doing so.
     */
    static Reply send(int port, String request, int waitMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket, waitMillis);
        }
    }

    /** Reads what is available until close or until {@code waitMillis} have passed in total. */
    static Reply read(Socket socket, int waitMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + waitMillis * 1_000_000L;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return new Reply(out.toString(StandardCharsets.ISO_8859_1), false, -1);
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return new Reply(out.toString(StandardCharsets.ISO_8859_1), false, -1);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                return new Reply(out.toString(StandardCharsets.ISO_8859_1), true, (System.nanoTime() - start) / 1_000_000L);
            }
            out.write(buf, 0, n);
        }
    }

    /** Reads exactly one response whose body has a Content-Length, leaving the connection open. */
    static String readOne(Socket socket) throws IOException {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
