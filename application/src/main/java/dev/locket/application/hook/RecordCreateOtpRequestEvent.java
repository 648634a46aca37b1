package dev.locket.application.hook;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code request-otp}. The record is empty when no record has the email (a handler may set
 * one); {@link #password()} is the generated code, which a handler may replace before {@code next()} stores
 * and mails it.
 */
public final class RecordCreateOtpRequestEvent extends RecordAuthFlowRequestEvent {
    private final String email;
    private String password;

    public RecordCreateOtpRequestEvent(AuthCollection collection, Record record, RequestInfo request, String email,
                                       String password) {
        super(collection, record, request);
        this.email = Objects.requireNonNull(email);
        this.password = Objects.requireNonNull(password);
    }

    /** The submitted email. */
    public String email() {
        return email;
    }

    public String password() {
        return password;
    }

    public void password(String replacement) {
        this.password = Objects.requireNonNull(replacement);
    }
}
