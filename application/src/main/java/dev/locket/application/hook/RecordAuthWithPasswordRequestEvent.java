package dev.locket.application.hook;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code auth-with-password}. The record is empty when no identity matched, so a handler
 * may find one itself; {@code next()} checks {@link #password()} against the record's and signs in.
 */
public final class RecordAuthWithPasswordRequestEvent extends RecordAuthFlowRequestEvent {
    private final String identity;
    private final String identityField;
    private String password;

    public RecordAuthWithPasswordRequestEvent(AuthCollection collection, Record record, RequestInfo request,
                                              String identity, String identityField, String password) {
        super(collection, record, request);
        this.identity = Objects.requireNonNull(identity);
        this.identityField = Objects.requireNonNull(identityField);
        this.password = Objects.requireNonNull(password);
    }

    public String identity() {
        return identity;
    }

    /** The submitted {@code identityField}, {@code ""} for upstream's automatic choice. */
    public String identityField() {
        return identityField;
    }

    public String password() {
        return password;
    }

    public void password(String replacement) {
        this.password = Objects.requireNonNull(replacement);
    }
}
