package dev.locket.application.hook;

import dev.locket.application.port.out.MailMessage;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream's {@code MailerRecordEvent}: an auth mail (verification, password reset, email change, OTP, auth
 * alert) for {@link #record()}, rendered from its collection's template. {@link #meta()} holds what the
 * mail was made of, under upstream's keys: {@code token} (verification, reset, email change), {@code newEmail}
 * (email change), {@code otpId} and {@code password} (OTP), {@code info} (auth alert).
 */
public final class MailerRecordEvent extends MailerEvent implements CollectionScoped {
    private final Record record;
    private final Map<String, Object> meta;

    public MailerRecordEvent(MailMessage message, Record record, Map<String, Object> meta) {
        super(message);
        this.record = Objects.requireNonNull(record);
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
    }

    public Record record() {
        return record;
    }

    @Override
    public Collection collection() {
        return record.collection();
    }

    public Map<String, Object> meta() {
        return meta;
    }
}
