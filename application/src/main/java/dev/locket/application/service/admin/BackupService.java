package dev.locket.application.service.admin;

import dev.locket.application.hook.BackupEvent;
import dev.locket.application.hook.SystemHooks;
import dev.locket.application.port.in.admin.ManageBackups;
import dev.locket.application.port.in.file.FileContent;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.BackupStore;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.DataArchive;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.auth.IpWhitelist;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.text.Inflector;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The backups API (admin-and-ops §4): one backup or restore at a time, archives of the data
 * directory stored in the backups storage, downloads authorised by a superuser file token.
 */
public final class BackupService implements ManageBackups {
    private static final System.Logger LOG = System.getLogger(BackupService.class.getName());
    static final String BUSY = "Try again later - another backup/restore process has already been started.";
    static final String CREATE_FAILED = "Failed to create backup.";
    static final String IN_USE = "The backup is currently being used and cannot be deleted.";
    static final String MISSING_FILE = "Missing or invalid backup file.";
    static final String NO_ACCESS = "Insufficient permissions to access the resource.";
    private static final Pattern NAME = Pattern.compile("^[a-z0-9_-]+\\.zip$");
    private static final int MAX_NAME = 150;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Duration RESTORE_DELAY = Duration.ofSeconds(1);

    private final BackupStore store;
    private final DataArchive archive;
    private final CurrentSettings settings;
    private final CollectionStore collections;
    private final RecordStore records;
    private final TokenCodec tokens;
    private final Clock clock;
    private final Runnable afterRestore;
    private final java.util.function.BiConsumer<String, String> alerts;
    private final SystemHooks hooks;
    /** The key of the backup being created or restored; null when idle. */
    private final AtomicReference<String> running = new AtomicReference<>();

    /**
     * {@code afterRestore} runs once a restore has swapped the data directory (bootstrap restarts
     * the server there).
     */
    public BackupService(BackupStore store, DataArchive archive, CurrentSettings settings,
                         CollectionStore collections, RecordStore records, TokenCodec tokens, Clock clock,
                         Runnable afterRestore) {
        this(store, archive, settings, collections, records, tokens, clock, afterRestore, (subject, details) -> {
        });
    }

    /**
     * As above; {@code alerts} tells every superuser about a failed automatic backup (subject, details), as
     * upstream's system alert mail does.
     */
    public BackupService(BackupStore store, DataArchive archive, CurrentSettings settings,
                         CollectionStore collections, RecordStore records, TokenCodec tokens, Clock clock,
                         Runnable afterRestore, java.util.function.BiConsumer<String, String> alerts) {
        this(store, archive, settings, collections, records, tokens, clock, afterRestore, alerts, new SystemHooks());
    }

    /** As above; {@code hooks}' backup create and restore hooks wrap every backup and restore. */
    public BackupService(BackupStore store, DataArchive archive, CurrentSettings settings,
                         CollectionStore collections, RecordStore records, TokenCodec tokens, Clock clock,
                         Runnable afterRestore, java.util.function.BiConsumer<String, String> alerts,
                         SystemHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks);
        this.alerts = Objects.requireNonNull(alerts);
        this.store = Objects.requireNonNull(store);
        this.archive = Objects.requireNonNull(archive);
        this.settings = Objects.requireNonNull(settings);
        this.collections = Objects.requireNonNull(collections);
        this.records = Objects.requireNonNull(records);
        this.tokens = Objects.requireNonNull(tokens);
        this.clock = Objects.requireNonNull(clock);
        this.afterRestore = Objects.requireNonNull(afterRestore);
    }

    @Override
    public List<BackupStore.BackupFile> list(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        List<BackupStore.BackupFile> out = new ArrayList<>(store.list());
        out.sort(Comparator.comparing(BackupStore.BackupFile::modified).reversed()
                .thenComparing(BackupStore.BackupFile::key));
        return out;
    }

    @Override
    public boolean canBackup() {
        return running.get() == null;
    }

    @Override
    public void create(String name, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        String key = name == null ? "" : name;
        if (!key.isEmpty()) {
            FieldError error = key.length() > MAX_NAME
                    ? FieldError.of("validation_length_too_long", "The length must be no more than " + MAX_NAME + ".",
                    "max", MAX_NAME)
                    : !NAME.matcher(key).matches() ? FieldError.of("validation_match_invalid", "Must be in a valid format.")
                    : store.exists(key) ? nameExists() : null;
            if (error != null) {
                throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "name", error);
            }
        }
        createBackup(key);
    }

    /**
     * Upstream's {@code __pbAutoBackup__}: an {@code @auto_pb_backup_…} archive (a failure is logged and mailed
     * to every superuser), then only the newest {@code maxKeep} automatic ones are kept (0: all).
     */
    public void autoBackup(int maxKeep) {
        String name = defaultName("@auto_pb_backup_");
        try {
            createBackup(name);
        } catch (BadRequest e) {
            String cause = e.getCause() == null ? e.getMessage() : String.valueOf(e.getCause().getMessage());
            LOG.log(System.Logger.Level.ERROR, "[Backup cron] Failed to create backup " + name + ": " + cause);
            alerts.accept("Autobackup failure", "Failed to create/upload automated backup. Raw error:\n" + cause);
        }
        if (maxKeep <= 0) {
            return;
        }
        List<BackupStore.BackupFile> autos = new ArrayList<>(store.list().stream()
                .filter(f -> f.key().startsWith("@auto_pb_backup_")).toList());
        autos.sort(Comparator.comparing(BackupStore.BackupFile::modified).reversed());
        for (int i = maxKeep; i < autos.size(); i++) {
            store.delete(autos.get(i).key());
        }
    }

    /**
     * Upstream's {@code CreateBackup}: {@code onBackupCreate} wraps it with the name (empty: the default action
     * names it) and the entries to leave out; a handler's API error is answered as it is.
     */
    private void createBackup(String name) {
        if (!running.compareAndSet(null, name)) {
            throw new BadRequest(BUSY);
        }
        try {
            hooks.onBackupCreate().trigger(new BackupEvent(name, DataArchive.BACKUP_EXCLUDED), e -> {
                String key = e.name().isEmpty() ? defaultName("pb_backup_") : e.name();
                running.set(key);
                List<String> exclude = List.copyOf(e.exclude());
                try {
                    store.write(key, out -> archive.writeZip(out, exclude));
                } catch (IOException | RuntimeException failed) {
                    LOG.log(System.Logger.Level.WARNING, "backup " + key + " failed: " + failed);
                    LOG.log(System.Logger.Level.DEBUG, "backup " + key + " failed", failed);
                    throw new BadRequest(CREATE_FAILED, failed);
                }
            });
        } finally {
            running.set(null);
        }
    }

    @Override
    public void upload(Upload file, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        if (file == null || file.content() == null || file.fileName() == null || file.fileName().isEmpty()) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "file", FieldError.required());
        }
        if (!isZip(file.content())) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "file", FieldError.of("validation_invalid_mime_type",
                    "\"" + file.fileName() + "\" mime type must be one of: application/zip."));
        }
        String key = file.fileName().replace('\\', '/');
        key = key.substring(key.lastIndexOf('/') + 1);
        if (key.isEmpty() || key.equals(".") || key.equals("..")) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "file", FieldError.invalidValue());
        }
        if (store.exists(key)) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "file", nameExists());
        }
        try {
            store.write(key, out -> {
                try (InputStream in = file.content().open(0)) {
                    in.transferTo(out);
                }
            });
        } catch (IOException e) {
            throw new BadRequest(ValidationFailed.FORM_INVALID, e);
        }
    }

    @Override
    public InputStream download(String key, String fileToken, String clientIp) {
        // upstream checks superuserIPs here itself: the file token comes in the query, not as the request's auth
        IpWhitelist allowed = new IpWhitelist(settings.current().superuserIPs());
        if (!isSuperuserFileToken(fileToken) || (!allowed.isEmpty() && !allowed.contains(clientIp))) {
            throw new Forbidden(NO_ACCESS);
        }
        return store.open(key == null ? "" : key).orElseThrow(NotFound::new);
    }

    @Override
    public void delete(String key, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        String k = key == null ? "" : key;
        if (k.equals(running.get())) {
            throw new BadRequest(IN_USE);
        }
        if (!store.delete(k)) {
            throw new BadRequest("Invalid or already deleted backup file. Raw error: \nno backup named " + k);
        }
    }

    @Override
    public void restore(String key, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        String k = key == null ? "" : key;
        if (!running.compareAndSet(null, k)) {
            throw new BadRequest(BUSY);
        }
        if (k.isEmpty() || !store.exists(k)) {
            running.set(null);
            throw new BadRequest(MISSING_FILE);
        }
        // Answered before the work starts, as upstream does (the restore ends with a restart).
        Thread.ofVirtual().name("locket-restore").start(() -> {
            try {
                Thread.sleep(RESTORE_DELAY);
                // upstream fires onBackupRestore here, after the answer: a veto only reaches the log
                hooks.onBackupRestore().trigger(new BackupEvent(k, DataArchive.RESTORE_KEPT), e -> {
                    List<String> kept = List.copyOf(e.exclude());
                    // as upstream, the archive restored is the one asked for; only the kept entries may change
                    try (InputStream in = store.open(k).orElseThrow(() -> new IOException("backup vanished: " + k))) {
                        archive.restore(in, kept);
                    } catch (IOException failed) {
                        throw new java.io.UncheckedIOException(failed);
                    }
                    afterRestore.run();
                });
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "restore of " + k + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.set(null);
            }
        });
    }

    private boolean isSuperuserFileToken(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        Optional<TokenClaims> peeked = tokens.peek(token);
        if (peeked.isEmpty() || peeked.get().type() != TokenType.FILE) {
            return false;
        }
        TokenClaims claims = peeked.get();
        Optional<AuthCollection> superusers = collections.find(RequestInfo.SUPERUSERS)
                .filter(c -> c instanceof AuthCollection && c.id().equals(claims.collectionId()))
                .map(AuthCollection.class::cast);
        if (superusers.isEmpty() || claims.id() == null) {
            return false;
        }
        Optional<Record> record = records.find(superusers.get(), claims.id());
        if (record.isEmpty()) {
            return false;
        }
        String key = record.get().text("tokenKey") + superusers.get().auth().fileToken().secret();
        return tokens.verify(token, key).filter(v -> v.type() == TokenType.FILE && claims.id().equals(v.id()))
                .isPresent();
    }

    private String defaultName(String prefix) {
        String app = Inflector.snakeCase(settings.current().meta().appName());
        if (app.length() > 50) {
            app = app.substring(0, 50);
        }
        return prefix + app + "_" + STAMP.format(clock.instant()) + ".zip";
    }

    private static FieldError nameExists() {
        return FieldError.of("validation_backup_name_exists", "Backup file with the specified name already exists.");
    }

    /** A zip starts with a local file header, or is an empty archive (end of central directory only). */
    private static boolean isZip(FileContent content) {
        try (InputStream in = content.open(0)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K'
                    && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
