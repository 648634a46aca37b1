package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/**
 * Request hook fired by every successful authentication (password, refresh, …) before the auth
 * response is returned; a handler may replace the token or the record, or veto by throwing.
 */
public final class RecordAuthRequestEvent extends RecordEvent {
    private final String authMethod;
    private String token;

    public RecordAuthRequestEvent(Collection collection, Record record, RequestInfo request, String token,
                                  String authMethod) {
        super(collection, record, request);
        this.token = token;
        this.authMethod = authMethod;
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
}
