package dev.locket.application.service.auth;

import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.Impersonate;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;

/**
 * {@code POST impersonate/{id}} (auth.md §4.8): a superuser gets a non-refreshable auth token for
 * any auth record; no MFA, no alert, and the {@code authRule} is skipped (the requester is a superuser).
 */
public final class ImpersonationService implements Impersonate {
    private final CollectionStore collections;
    private final RecordStore records;
    private final AuthCompletion completion;

    public ImpersonationService(CollectionStore collections, RecordStore records, AuthCompletion completion) {
        this.collections = collections;
        this.records = records;
        this.completion = completion;
    }

    @Override
    public AuthResult impersonate(Impersonate.Command cmd) {
        if (cmd.request().auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!cmd.request().isSuperuser()) {
            throw new Forbidden("The authorized record is not allowed to perform this action.");
        }
        // The route has no collection rate-limit step, so unknown and non-auth collections share one 404.
        Collection target = collections.find(cmd.collection())
                .orElseThrow(() -> new NotFound(AuthRecords.MISSING_AUTH_COLLECTION));
        AuthCollection c = AuthRecords.authCollection(target);
        if (cmd.duration() < 0) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "duration",
                    FieldError.of("validation_min_greater_equal_than_required", "Must be no less than 0.", "threshold", 0));
        }
        Record record = records.find(c, cmd.recordId()).orElseThrow(() -> new NotFound(NotFound.DEFAULT));
        String token = completion.authToken(c, record, false, cmd.duration());
        return completion.respond(c, record, token, cmd.request(), "", cmd.expand());
    }
}
