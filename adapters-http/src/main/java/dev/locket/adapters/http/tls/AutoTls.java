package dev.locket.adapters.http.tls;

import dev.locket.adapters.http.server.ListenFailed;
import dev.locket.adapters.http.server.LocketHttpServer;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code serve DOMAIN…}: HTTPS with certificates from an ACME certificate authority (Let's Encrypt unless
 * told otherwise), kept in {@code <dataDir>/.autocert_cache} and renewed before they expire, as upstream's
 * autocert manager does. The plain HTTP listener answers the CA's HTTP-01 challenges and redirects
 * everything else to HTTPS.
 */
public final class AutoTls implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AutoTls.class.getName());
    /** The default certificate authority, as Go's autocert uses. */
    public static final URI LETS_ENCRYPT = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    static final String CHALLENGE_PATH = "/.well-known/acme-challenge/";
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Duration CHECK_EVERY = Duration.ofHours(12);

    /**
     * What to certify and where: the domains (the first names the certificate), the cache folder, the
     * CA's directory URL and, for a private CA, a PEM file of roots its HTTPS endpoint is trusted by.
     */
    public record Settings(List<String> domains, Path cacheDir, URI directory, Path caFile) {
        public Settings {
            domains = List.copyOf(domains);
            if (domains.isEmpty()) {
                throw new IllegalArgumentException("automatic TLS needs at least one domain");
            }
            Objects.requireNonNull(cacheDir);
            directory = directory == null ? LETS_ENCRYPT : directory;
        }
    }

    private final Settings settings;
    private final CertCache cache;
    private final AcmeIssuer issuer;
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final WebServer plain;
    private final Clock clock = Clock.systemUTC();
    private volatile CertCache.Issued current;
    private volatile Thread renewer;

    private AutoTls(Settings settings, String httpHost, int httpPort) {
        this.settings = settings;
        this.cache = new CertCache(settings.cacheDir());
        this.issuer = new AcmeIssuer(settings.directory(), settings.caFile(), challenges::put, challenges::remove);
        WebServer server = WebServer.builder().host(httpHost).port(httpPort).shutdownHook(false)
                .routing(r -> r.get(CHALLENGE_PATH + "{token}", this::challenge).any(AutoTls::redirect))
                .build().start();
        if (server.port() < 0) {
            server.stop();
            throw new ListenFailed("cannot listen on " + httpHost + ":" + httpPort
                    + " (is another server using that port?)");
        }
        this.plain = server;
    }

    /**
     * Starts the plain HTTP listener, then loads the cached certificate or obtains one (blocking until the
     * CA answered; the CA must reach this listener on port 80 of the domains).
     *
     * @throws ListenFailed when the HTTP port is taken, or with the CA's reason when no certificate could be had
     */
    public static AutoTls start(Settings settings, String httpHost, int httpPort) {
        AutoTls tls = new AutoTls(settings, httpHost, httpPort);
        try {
            tls.current = tls.usableCached().orElseGet(tls::obtain);
            return tls;
        } catch (IllegalStateException | UncheckedIOException e) {
            tls.close();
            LOG.log(System.Logger.Level.DEBUG, "no certificate", e);
            throw new ListenFailed("cannot serve HTTPS for " + settings.domains() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /** The port of the plain HTTP listener. */
    public int httpPort() {
        return plain.port();
    }

    /** Puts the current certificate on the HTTPS server's listener. */
    public void configure(WebServerConfig.Builder server) {
        server.tls(tls(current));
    }

    /** Renews the certificate on {@code server} before it expires, checking twice a day. */
    public synchronized void keepRenewed(LocketHttpServer server) {
        if (renewer != null) {
            renewer.interrupt();
        }
        renewer = Thread.ofVirtual().name("locket-autotls-renew").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(CHECK_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
                if (expiresSoon(current)) {
                    try {
                        current = obtain();
                        server.reloadTls(tls(current));
                        LOG.log(System.Logger.Level.INFO, "renewed the certificate for " + settings.domains());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "certificate renewal failed (tried again in "
                                + CHECK_EVERY.toHours() + "h): " + e.getMessage());
                    }
                }
            }
        });
    }

    /** The certificate served now (its chain, leaf first). */
    public List<X509Certificate> chain() {
        return current.chain();
    }

    private java.util.Optional<CertCache.Issued> usableCached() {
        return cache.load(settings.domains()).filter(c -> !expiresSoon(c));
    }

    private boolean expiresSoon(CertCache.Issued issued) {
        return issued.chain().getFirst().getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
    }

    private CertCache.Issued obtain() {
        KeyPair account = cache.accountKey();
        KeyPair domainKey = CertCache.newKeyPair();
        LOG.log(System.Logger.Level.INFO, "requesting a certificate for " + settings.domains() + " from "
                + settings.directory());
        List<X509Certificate> chain = issuer.issue(account, domainKey, settings.domains());
        CertCache.Issued issued = new CertCache.Issued(domainKey.getPrivate(), chain);
        cache.save(settings.domains(), issued);
        LOG.log(System.Logger.Level.INFO, "certificate for " + settings.domains() + " valid until "
                + Instant.ofEpochMilli(chain.getFirst().getNotAfter().getTime()));
        return issued;
    }

    private static Tls tls(CertCache.Issued issued) {
        PrivateKey key = issued.key();
        return Tls.builder().privateKey(key).privateKeyCertChain(issued.chain()).build();
    }

    private void challenge(ServerRequest req, ServerResponse res) {
        String answer = challenges.get(req.path().pathParameters().get("token"));
        if (answer == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/plain").send(answer);
    }

    /**
     * Go's autocert fallback: GET and HEAD go to the same host and path over HTTPS (no port, as upstream),
     * anything else is refused.
     */
    private static void redirect(ServerRequest req, ServerResponse res) {
        Method m = req.prologue().method();
        if (!m.equals(Method.GET) && !m.equals(Method.HEAD)) {
            res.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .send("Use HTTPS\n");
            return;
        }
        String host = req.authority();
        if (host.startsWith("[")) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else if (host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        String query = req.query().rawValue();
        String target = "https://" + host + req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, target).send();
    }

    @Override
    public void close() {
        Thread r = renewer;
        if (r != null) {
            r.interrupt();
        }
        plain.stop();
    }

    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
