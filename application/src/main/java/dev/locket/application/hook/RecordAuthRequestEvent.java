package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Optional;

/**
 * Request hook fired by every successful authentication (password, refresh, …) before the auth
 * response is returned; a handler may replace the token, the record or the {@link #meta()} the response
 * carries, or veto by throwing. As upstream's {@code RecordAuthRequestEvent} (a request event), a handler may
 * answer with {@link #json}/{@link #noContent} instead: written before {@code next()}, the default action (MFA
 * step, login alert) is skipped as upstream's {@code e.Written()} check does, and the answer replaces the auth
 * response.
 */
public final class RecordAuthRequestEvent extends RecordHoldingRequestEvent {
    private final String authMethod;
    private String token;
    private Object meta;

    public RecordAuthRequestEvent(Collection collection, Record record, RequestInfo request, String token,
                                  String authMethod) {
        this(collection, record, request, token, authMethod, null);
    }

    /** {@code meta} is the response's {@code meta} (null for none), as upstream's {@code RecordAuthResponse}. */
    public RecordAuthRequestEvent(Collection collection, Record record, RequestInfo request, String token,
                                  String authMethod, Object meta) {
        super(collection, record, request);
        this.token = token;
        this.authMethod = authMethod;
        this.meta = meta;
    }

    public String token() {
        return token;
    }

    public void token(String replacement) {
        this.token = replacement;
    }

    /** {@code password}, {@code refresh}, … */
    public String authMethod() {
        return authMethod;
    }

    /**
     * Upstream's {@code Meta}: what the auth response shows under {@code meta} (any JSON-shaped value). OAuth2
     * logins start with the provider's user and {@code isNew} as a mutable map; the other flows with none.
     */
    public Optional<Object> meta() {
        return Optional.ofNullable(meta);
    }

    /** Replaces the response's {@code meta}; null leaves it out of the response. */
    public void meta(Object replacement) {
        this.meta = replacement;
    }
}
