package dev.locket.application.hook;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code request-email-change} (the record is the authenticated one, {@code next()} mails the
 * confirmation link to {@link #newEmail()}) and {@code confirm-email-change} (the token's record, {@code next()}
 * sets the new email). The new email may be replaced before {@code next()}.
 */
public final class RecordEmailChangeRequestEvent extends RecordAuthFlowRequestEvent {
    private String newEmail;

    public RecordEmailChangeRequestEvent(AuthCollection collection, Record record, RequestInfo request,
                                         String newEmail) {
        super(collection, Objects.requireNonNull(record), request);
        this.newEmail = Objects.requireNonNull(newEmail);
    }

    public String newEmail() {
        return newEmail;
    }

    public void newEmail(String replacement) {
        this.newEmail = Objects.requireNonNull(replacement);
    }
}
