package dev.locket.bootstrap;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the JS SDK suite that needs a mail server ({@code e2e/needs-smtp/}): GreenMail in-process,
 * the jar configured to send through it, and a tiny HTTP endpoint ({@code LOCKET_MAIL_URL}) that
 * hands the received mails to node as JSON ({@code ?to=} filters by recipient).
 */
class JsSdkAuthMailIT {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

    @TempDir
    Path tmp;

    @Test
    void mailDrivenAuthWorksThroughTheJsSdk() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        AuthMailIT.configureSmtp(dir, mail.getSmtp().getPort());
        HttpServer mails = mailEndpoint();
        try (LocketProcess server = LocketProcess.serve(dir)) {
            server.runSdk(tmp, Map.of("LOCKET_MAIL_URL", "http://127.0.0.1:" + mails.getAddress().getPort()
                    + "/mails"), "needs-smtp/");
        } finally {
            mails.stop(0);
        }
    }

    /** {@code GET /mails?to=<address>}: the received mails (oldest first) as {@code [{to, subject, html}]}. */
    private static HttpServer mailEndpoint() throws IOException {
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mails", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String to = "";
            if (query != null && query.startsWith("to=")) {
                to = URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try {
                for (MimeMessage m : mail.getReceivedMessages()) {
                    String recipient = m.getAllRecipients()[0].toString();
                    if (!to.isEmpty() && !recipient.equals(to)) {
                        continue;
                    }
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("to", recipient);
                    item.put("subject", m.getSubject());
                    item.put("html", String.valueOf(m.getContent()));
                    out.add(item);
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
            byte[] body = json.writeValueAsBytes(out);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return server;
    }
}
