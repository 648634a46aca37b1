package dev.locket.application.service.auth;

import dev.locket.application.port.in.auth.GenerateAppleClientSecret;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Signs Apple's OAuth2 client secret (admin-and-ops §2): an ES256 JWT with {@code kid} = key id,
 * {@code iss} = team id, {@code sub} = client id, {@code aud} = Apple, valid for {@code duration}.
 */
public final class AppleClientSecretService implements GenerateAppleClientSecret {
    static final String INVALID = "Invalid client secret data.";
    static final String FAILED = "Failed to generate client secret. Raw error: \n";
    static final long MAX_DURATION = 15777000; // Apple accepts at most six months
    private static final Pattern PEM = Pattern.compile(
            "(?s)\\s*-----BEGIN PRIVATE KEY-----\\s*[A-Za-z0-9+/=\\s]+-----END PRIVATE KEY-----\\s*");

    private final Clock clock;

    public AppleClientSecretService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String generate(Command cmd) {
        if (cmd.request().auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!cmd.request().isSuperuser()) {
            throw new Forbidden(Forbidden.NOT_ALLOWED);
        }
        validate(cmd);
        try {
            long now = clock.instant().getEpochSecond();
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "ES256");
            header.put("kid", cmd.keyId());
            header.put("typ", "JWT");
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", List.of("https://appleid.apple.com"));
            claims.put("exp", now + cmd.duration());
            claims.put("iat", now);
            claims.put("iss", cmd.teamId());
            claims.put("sub", cmd.clientId());
            String input = b64(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + b64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
            Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
            sig.initSign(privateKey(cmd.privateKey()));
            sig.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(sig.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadRequest(FAILED + e.getMessage(), e);
        }
    }

    private static void validate(Command cmd) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        if (cmd.clientId().isEmpty()) {
            errors.put("clientId", FieldError.required());
        }
        exactly10(cmd.teamId()).ifPresent(e -> errors.put("teamId", e));
        exactly10(cmd.keyId()).ifPresent(e -> errors.put("keyId", e));
        if (cmd.privateKey().isEmpty()) {
            errors.put("privateKey", FieldError.required());
        } else if (!PEM.matcher(cmd.privateKey()).matches()) {
            errors.put("privateKey", FieldError.of("validation_match_invalid", "Must be in a valid format"));
        }
        if (cmd.duration() == 0) {
            errors.put("duration", FieldError.required());
        } else if (cmd.duration() < 1) {
            errors.put("duration", FieldError.of("validation_min_greater_equal_than_required",
                    "Must be no less than 1.", "threshold", 1));
        } else if (cmd.duration() > MAX_DURATION) {
            errors.put("duration", FieldError.of("validation_max_less_equal_than_required",
                    "Must be no greater than " + MAX_DURATION + ".", "threshold", MAX_DURATION));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(INVALID, errors);
        }
    }

    private static java.util.Optional<FieldError> exactly10(String value) {
        if (value.isEmpty()) {
            return java.util.Optional.of(FieldError.required());
        }
        if (value.length() != 10) {
            return java.util.Optional.of(FieldError.of("validation_length_invalid", "The length must be exactly 10.",
                    "length", 10));
        }
        return java.util.Optional.empty();
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
