package dev.locket.application.service.auth;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.record.Record;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and resolves the non-auth tokens (verification, password reset, email change, file)
 * following upstream's procedure (auth.md §2): peek the claims, load the record of the claimed
 * collection, pick the secret by type, then verify HS256 and expiry with tokenKey + secret.
 */
final class AuthTokens {
    private final CollectionStore collections;
    private final RecordStore records;
    private final TokenCodec tokens;
    private final Clock clock;

    AuthTokens(CollectionStore collections, RecordStore records, TokenCodec tokens, Clock clock) {
        this.collections = collections;
        this.records = records;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A token of {@code type} for the record with the given extra claims, valid for the type's duration. */
    String issue(TokenType type, AuthCollection c, Record record, Map<String, Object> extra) {
        TokenConfig config = config(c, type);
        TokenClaims claims = new TokenClaims(record.id(), type, c.id(),
                clock.instant().getEpochSecond() + config.duration(), extra);
        return tokens.sign(claims, record.text("tokenKey") + config.secret());
    }

    /** The verified claims and their record, or empty for any invalid, expired or foreign-typed token. */
    Optional<Resolved> resolve(String token, TokenType expected) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenClaims> peeked = tokens.peek(token);
        if (peeked.isEmpty() || peeked.get().type() != expected) {
            return Optional.empty();
        }
        TokenClaims claims = peeked.get();
        Optional<AuthCollection> c = collections.find(claims.collectionId())
                .filter(x -> x.id().equals(claims.collectionId()))
                .filter(AuthCollection.class::isInstance).map(AuthCollection.class::cast);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Optional<Record> record = records.find(c.get(), claims.id());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String key = record.get().text("tokenKey") + config(c.get(), expected).secret();
        return tokens.verify(token, key)
                .filter(v -> v.type() == expected && claims.id().equals(v.id())
                        && c.get().id().equals(v.collectionId()))
                .map(v -> new Resolved(c.get(), record.get(), v));
    }

    /** A claim of the token read without verifying it (null when absent or not a token). */
    Object unverifiedClaim(String token, String name) {
        return token == null || token.isEmpty() ? null : tokens.unverifiedClaims(token).get(name);
    }

    /** Go's {@code cast.ToString} of a claim: strings as they are, numbers and booleans spelled out, else empty. */
    static String castToString(Object claim) {
        return switch (claim) {
            case String s -> s;
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case null, default -> "";
        };
    }

    static TokenConfig config(AuthCollection c, TokenType type) {
        return switch (type) {
            case AUTH -> c.auth().authToken();
            case FILE -> c.auth().fileToken();
            case VERIFICATION -> c.auth().verificationToken();
            case PASSWORD_RESET -> c.auth().passwordResetToken();
            case EMAIL_CHANGE -> c.auth().emailChangeToken();
        };
    }

    /** A valid token's collection, record and claims. */
    record Resolved(AuthCollection collection, Record record, TokenClaims claims) {
        String claim(String name) {
            return claims.extra().get(name) instanceof String s ? s : "";
        }
    }
}
