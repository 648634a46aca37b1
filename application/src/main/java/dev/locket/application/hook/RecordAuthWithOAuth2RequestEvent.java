package dev.locket.application.hook;

import dev.locket.domain.auth.oauth2.OAuth2User;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request hook of {@code auth-with-oauth2}, after the code exchange and before the record is created or
 * linked. The record is the one found (by link, auth or email) or empty, in which case {@code next()}
 * creates one from {@link #createData()} (changeable); setting a record links that one instead. The
 * {@link #providerClient()} is the provider the code was exchanged with, as upstream's {@code ProviderClient}.
 */
public final class RecordAuthWithOAuth2RequestEvent extends RecordAuthFlowRequestEvent {
    private final String providerName;
    private final ProviderClient providerClient;
    private final OAuth2User oauth2User;
    private final Map<String, Object> createData;
    private boolean isNewRecord;

    public RecordAuthWithOAuth2RequestEvent(AuthCollection collection, Record record, RequestInfo request,
                                            ProviderClient providerClient, OAuth2User oauth2User,
                                            Map<String, Object> createData) {
        super(collection, record, request);
        this.providerClient = Objects.requireNonNull(providerClient);
        this.providerName = providerClient.name();
        this.oauth2User = Objects.requireNonNull(oauth2User);
        this.createData = new LinkedHashMap<>(createData);
        this.isNewRecord = record == null;
    }

    public String providerName() {
        return providerName;
    }

    /** The provider's client: its settings, this login's redirect URL and its user-info call. */
    public ProviderClient providerClient() {
        return providerClient;
    }

    /** The user the provider answered (id, name, email, raw user, tokens). */
    public OAuth2User oauth2User() {
        return oauth2User;
    }

    /** The submitted {@code createData}, a mutable map: what a new record is created from. */
    public Map<String, Object> createData() {
        return createData;
    }

    /** Whether no record was found (the response's {@code meta.isNew}); {@code next()} creates one while none is set. */
    public boolean isNewRecord() {
        return isNewRecord;
    }

    public void isNewRecord(boolean value) {
        this.isNewRecord = value;
    }
}
