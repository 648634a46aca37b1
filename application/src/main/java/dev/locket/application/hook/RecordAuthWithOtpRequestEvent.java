package dev.locket.application.hook;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code auth-with-otp}, once the OTP was found, unexpired and its password matched;
 * {@code next()} consumes the OTP, marks the record verified when the OTP went to its email, and signs in.
 */
public final class RecordAuthWithOtpRequestEvent extends RecordAuthFlowRequestEvent {
    private final Record otp;

    public RecordAuthWithOtpRequestEvent(AuthCollection collection, Record record, RequestInfo request, Record otp) {
        super(collection, Objects.requireNonNull(record), request);
        this.otp = Objects.requireNonNull(otp);
    }

    /** The {@code _otps} row (id, recordRef, collectionRef, sentTo). */
    public Record otp() {
        return otp;
    }
}
