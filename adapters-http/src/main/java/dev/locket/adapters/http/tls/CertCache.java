package dev.locket.adapters.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The autocert cache folder: the ACME account key and, per set of domains, the certificate chain with its
 * key, as PEM files only the owner may read.
 */
final class CertCache {
    private static final String ACCOUNT = "acme_account.pem";

    /** A certificate chain (leaf first) and its private key. */
    record Issued(PrivateKey key, List<X509Certificate> chain) {
        Issued {
            chain = List.copyOf(chain);
        }
    }

    private final Path dir;

    CertCache(Path dir) {
        this.dir = dir;
    }

    /** ECDSA P-256, what Go's autocert uses by default. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JDK", e);
        }
    }

    /** The account key, created on first use (the CA knows the account by it). */
    KeyPair accountKey() {
        Path file = dir.resolve(ACCOUNT);
        try {
            if (Files.isRegularFile(file)) {
                String pem = Files.readString(file);
                return new KeyPair(publicKey(block(pem, "PUBLIC KEY").get(0)), privateKey(block(pem, "PRIVATE KEY")
                        .get(0)));
            }
            KeyPair pair = newKeyPair();
            write(file, pem("PUBLIC KEY", pair.getPublic().getEncoded()) + pem("PRIVATE KEY",
                    pair.getPrivate().getEncoded()));
            return pair;
        } catch (IOException e) {
            throw AutoTls.unchecked("cannot keep the ACME account key in " + dir, e);
        }
    }

    Optional<Issued> load(List<String> domains) {
        Path file = dir.resolve(name(domains));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String pem = Files.readString(file);
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : block(pem, "CERTIFICATE")) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Issued(privateKey(block(pem, "PRIVATE KEY").get(0)), chain));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.getLogger(CertCache.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring an unreadable cached certificate " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    void save(List<String> domains, Issued issued) {
        StringBuilder out = new StringBuilder(pem("PRIVATE KEY", issued.key().getEncoded()));
        try {
            for (X509Certificate c : issued.chain()) {
                out.append(pem("CERTIFICATE", c.getEncoded()));
            }
            write(dir.resolve(name(domains)), out.toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        } catch (IOException e) {
            throw AutoTls.unchecked("cannot cache the certificate in " + dir, e);
        }
    }

    private static String name(List<String> domains) {
        return String.join("+", domains).replaceAll("[^A-Za-z0-9.+-]", "_") + ".pem";
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp_", ".pem");
        try {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it there
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static List<byte[]> block(String pem, String type) {
        List<byte[]> out = new ArrayList<>();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        for (int at = pem.indexOf(begin); at >= 0; at = pem.indexOf(begin, at + 1)) {
            int stop = pem.indexOf(end, at);
            if (stop < 0) {
                break;
            }
            out.add(Base64.getMimeDecoder().decode(pem.substring(at + begin.length(), stop)));
        }
        return out;
    }

    private static PrivateKey privateKey(byte[] der) throws IOException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an EC private key", e);
        }
    }

    private static PublicKey publicKey(byte[] der) throws IOException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an EC public key", e);
        }
    }
}
