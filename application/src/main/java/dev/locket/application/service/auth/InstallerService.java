package dev.locket.application.service.auth;

import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.filter.Lookup;
import dev.locket.application.port.in.auth.PrepareInstaller;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.Ids;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Upstream's installer: when every superuser is the installer one (or there is none), find or create
 * {@link SystemCollections#INSTALLER_EMAIL} with a random password nobody knows and sign a static auth
 * token for it. Creating any other superuser deletes it again ({@code RecordWrites}).
 */
public final class InstallerService implements PrepareInstaller {
    private static final int PASSWORD_LENGTH = 30;

    private final CollectionStore collections;
    private final RecordStore records;
    private final CreateRecord create;
    private final AuthCompletion completion;
    private final RandomGenerator random;

    public InstallerService(CollectionStore collections, RecordStore records, CreateRecord create,
                            AuthCompletion completion, RandomGenerator random) {
        this.collections = collections;
        this.records = records;
        this.create = create;
        this.completion = completion;
        this.random = random;
    }

    @Override
    public Optional<String> installerToken(Duration validity) {
        AuthCollection superusers = collections.find(SystemCollections.SUPERUSERS)
                .filter(AuthCollection.class::isInstance).map(AuthCollection.class::cast).orElse(null);
        if (superusers == null || !first(superusers, Lookup.Condition.notEqual("email", SystemCollections.INSTALLER_EMAIL)).isEmpty()) {
            return Optional.empty();
        }
        Record installer = first(superusers, Lookup.Condition.equal("email", SystemCollections.INSTALLER_EMAIL)).stream().findFirst()
                .orElseGet(() -> createInstaller(superusers));
        return Optional.of(completion.authToken(superusers, installer, false, Math.max(1, validity.toSeconds())));
    }

    private Record createInstaller(AuthCollection superusers) {
        String password = Ids.random(random, AccountService.TOKEN_ALPHABET, PASSWORD_LENGTH);
        RecordBody body = RecordBody.builder()
                .set("email", SystemCollections.INSTALLER_EMAIL)
                .set("password", password)
                .set("passwordConfirm", password)
                .build();
        // the server acts for itself here, with full rights, as upstream's app.Save does
        RequestInfo system = RequestInfo.system().withMethod("POST");
        Record created = create.create(new CreateRecord.Command(superusers.name(), body, "", system));
        // the API view of the record hides tokenKey, which signs the token: read the stored row
        return records.find(superusers, created.id()).orElseThrow();
    }

    private List<Record> first(AuthCollection superusers, Lookup.Condition condition) {
        return records.list(superusers, RecordQuery.lookup(new Lookup(List.of(condition)), List.of(), 1)).items();
    }
}
