package dev.locket.bootstrap;

import dev.locket.domain.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A signing key for test identity providers: signs {@code id_token}s (RS256 with an RSA key, EdDSA
 * with an Ed25519 one) under a key id and publishes the matching JWK set.
 */
final class TestIdTokens {
    private final KeyPair keys;
    private final String kid;
    private final boolean ed25519;

    private TestIdTokens(KeyPair keys, String kid, boolean ed25519) {
        this.keys = keys;
        this.kid = kid;
        this.ed25519 = ed25519;
    }

    static TestIdTokens rsa(String kid) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return new TestIdTokens(gen.generateKeyPair(), kid, false);
    }

    static TestIdTokens ed25519(String kid) throws Exception {
        return new TestIdTokens(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), kid, true);
    }

    /** The JWK set with this key (named with its algorithm, as upstream requires). */
    String jwks() {
        if (ed25519) {
            byte[] encoded = keys.getPublic().getEncoded(); // SubjectPublicKeyInfo ending in the raw key
            byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"alg\":\"EdDSA\","
                    + "\"use\":\"sig\",\"x\":\"" + b64(x) + "\"}]}";
        }
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
    }

    /** A signed JWT of these claims; {@code tamper} flips a bit of the signature. */
    String sign(Map<String, Object> claims, boolean tamper) throws Exception {
        String alg = ed25519 ? "EdDSA" : "RS256";
        String input = b64(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + b64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature sig = Signature.getInstance(ed25519 ? "Ed25519" : "SHA256withRSA");
        sig.initSign(keys.getPrivate());
        sig.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] signature = sig.sign();
        if (tamper) {
            signature[0] ^= 1;
        }
        return input + "." + b64(signature);
    }

    String sign(Map<String, Object> claims) throws Exception {
        return sign(claims, false);
    }

    /** A JWT nobody signed (a token endpoint's id_token is trusted where upstream reads it unverified). */
    static String unsigned(Map<String, Object> claims) {
        return b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
