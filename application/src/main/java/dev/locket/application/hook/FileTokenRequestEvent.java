package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code POST /api/files/token} (tagged by the auth record's collection): the token is
 * signed already; replacing it changes the {@code token} answered.
 */
public final class FileTokenRequestEvent extends RequestHookEvent implements CollectionScoped {
    private final Record record;
    private String token;

    public FileTokenRequestEvent(Record record, String token, RequestInfo request) {
        super(request);
        this.record = Objects.requireNonNull(record);
        this.token = Objects.requireNonNull(token);
    }

    @Override
    public Collection collection() {
        return record.collection();
    }

    /** The authenticated record the token is for. */
    public Record record() {
        return record;
    }

    public String token() {
        return token;
    }

    public void token(String replacement) {
        this.token = Objects.requireNonNull(replacement);
    }
}
