package dev.locket.adapters.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/** One ACME order (RFC 8555) over HTTP-01 challenges, through acme4j. */
final class AcmeIssuer {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final URI directory;
    private final Path caFile;
    private final BiConsumer<String, String> publish;
    private final Consumer<String> withdraw;

    /** {@code publish(token, keyAuthorization)} makes a challenge answerable; {@code withdraw} ends it. */
    AcmeIssuer(URI directory, Path caFile, BiConsumer<String, String> publish, Consumer<String> withdraw) {
        this.directory = directory;
        this.caFile = caFile;
        this.publish = publish;
        this.withdraw = withdraw;
    }

    /** The certificate chain (leaf first) for {@code domains} and {@code domainKey}. */
    List<X509Certificate> issue(KeyPair accountKey, KeyPair domainKey, List<String> domains) {
        try {
            Session session = new Session(directory, new Provider(caFile));
            Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).create(session);
            Order order = account.newOrder().domains(domains).create();
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() != Status.VALID) {
                    authorize(auth);
                }
            }
            order.waitUntilReady(WAIT);
            order.execute(domainKey);
            Status done = order.waitForCompletion(WAIT);
            if (done != Status.VALID) {
                throw new IllegalStateException("the order for " + domains + " ended " + done
                        + order.getError().map(p -> ": " + p).orElse(""));
            }
            return order.getCertificate().getCertificateChain();
        } catch (AcmeException e) {
            throw new IllegalStateException("ACME (" + directory + ") refused a certificate for " + domains + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the certificate", e);
        }
    }

    private void authorize(Authorization auth) throws AcmeException, InterruptedException {
        Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow(
                () -> new IllegalStateException("the CA offers no HTTP-01 challenge for " + auth.getIdentifier()));
        publish.accept(challenge.getToken(), challenge.getAuthorization());
        try {
            challenge.trigger();
            Status status = challenge.waitForCompletion(WAIT);
            if (status != Status.VALID) {
                throw new IllegalStateException("the CA could not validate " + auth.getIdentifier().getDomain()
                        + " over http://" + auth.getIdentifier().getDomain() + AutoTls.CHALLENGE_PATH + "…"
                        + challenge.getError().map(p -> ": " + p).orElse(""));
            }
        } finally {
            withdraw.accept(challenge.getToken());
        }
    }

    /** A generic provider whose HTTPS client trusts {@code caFile}'s roots too (a private or test CA). */
    private static final class Provider extends GenericAcmeProvider {
        private final Path caFile;

        Provider(Path caFile) {
            this.caFile = caFile;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            if (caFile == null) {
                return super.createHttpConnector(settings);
            }
            SSLContext ssl = trusting(caFile);
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(ssl);
                }
            };
        }

        private static SSLContext trusting(Path pem) {
            try (InputStream in = Files.newInputStream(pem)) {
                KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
                roots.load(null, null);
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    roots.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(roots);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                return ctx;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the ACME CA file " + pem + ": " + e.getMessage(), e);
            }
        }
    }
}
