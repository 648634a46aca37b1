package dev.locket.application.service.file;

import dev.locket.application.hook.FileDownloadRequestEvent;
import dev.locket.application.hook.FileHooks;
import dev.locket.application.hook.FileTokenRequestEvent;
import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.file.CreateFileToken;
import dev.locket.application.port.in.file.DownloadFile;
import dev.locket.application.port.in.file.TestS3;
import dev.locket.application.port.in.file.UploadLimits;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.S3Probe;
import dev.locket.application.port.out.Thumbnails;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.domain.auth.IpWhitelist;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.file.MimeTypes;
import dev.locket.domain.file.ThumbSize;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * File downloads with thumbnails and protected-file access, file tokens, the S3 settings test and
 * upload body allowances (files.md, admin-and-ops §2).
 */
public final class FileService implements DownloadFile, CreateFileToken, TestS3, UploadLimits {
    static final String MISSING_COLLECTION = "Missing or invalid collection context.";
    static final String S3_TEST_FAILED = "Failed to test the S3 filesystem.";
    /** Request context rules see while a protected file is checked ({@code @request.context}). */
    static final String PROTECTED_FILE_CONTEXT = "protectedFile";
    private static final System.Logger LOG = System.getLogger(FileService.class.getName());

    private final CollectionStore collections;
    private final RecordStore records;
    private final FileStore files;
    private final Thumbnails thumbnails;
    private final TokenCodec tokens;
    private final CurrentSettings settings;
    private final S3Probe s3;
    private final Clock clock;
    /** Upstream allows CPU count + 2 concurrent thumb generations and waits at most 60 s for a slot. */
    private final Semaphore thumbSlots = new Semaphore(Runtime.getRuntime().availableProcessors() + 2);
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> generating = new ConcurrentHashMap<>();
    private final FileHooks hooks;

    /** Without request hooks (none bound). */
    public FileService(CollectionStore collections, RecordStore records, FileStore files, Thumbnails thumbnails,
                       TokenCodec tokens, CurrentSettings settings, S3Probe s3, Clock clock) {
        this(collections, records, files, thumbnails, tokens, settings, s3, clock, new Hooks());
    }

    /** {@code hooks} supplies {@code onFileDownloadRequest} and {@code onFileTokenRequest}. */
    public FileService(CollectionStore collections, RecordStore records, FileStore files, Thumbnails thumbnails,
                       TokenCodec tokens, CurrentSettings settings, S3Probe s3, Clock clock, Hooks hooks) {
        this.hooks = hooks.files();
        this.collections = collections;
        this.records = records;
        this.files = files;
        this.thumbnails = thumbnails;
        this.tokens = tokens;
        this.settings = settings;
        this.s3 = s3;
        this.clock = clock;
    }

    @Override
    public Download download(Query q) {
        Collection c = collections.find(q.collection()).orElseThrow(() -> new NotFound(MISSING_COLLECTION));
        Record record = records.find(c, q.recordId()).orElseThrow(NotFound::new);
        FileField field = owningField(c, record, q.filename()).orElseThrow(NotFound::new);
        if (field.protectedFiles() && !canView(c, record, requester(q.token(), q.request(), q.clientIp()))) {
            throw new NotFound();
        }
        String[] owner = c.isView() ? sourceOf(q.filename()).orElseThrow(NotFound::new)
                : new String[] {c.id(), record.id()};
        String key = FileKeys.file(owner[0], owner[1], q.filename());
        FileStore.StoredFile original = files.stat(key).orElseThrow(NotFound::new);
        String servedPath = key;
        String servedName = q.filename();
        String thumbError = null;
        Optional<ThumbSize> size = q.thumb().isEmpty() ? Optional.empty() : ThumbSize.parse(q.thumb());
        if (size.isPresent() && allowed(field, q.thumb()) && MimeTypes.thumbable(original.contentType())) {
            String thumbKey = FileKeys.thumb(owner[0], owner[1], q.filename(), size.get());
            if (files.stat(thumbKey).isPresent() || generate(key, original.contentType(), size.get(), thumbKey)) {
                servedPath = thumbKey;
                servedName = size.get().text() + "_" + q.filename();
            } else {
                thumbError = "failed to create thumb " + size.get().text() + "_" + q.filename();
            }
        }
        if (!q.thumb().isEmpty() && thumbError == null && servedPath.equals(key)) {
            thumbError = "the thumb size \"" + q.thumb() + "\" or the original file format are not supported";
        }
        // as upstream, the hook sees what is about to be served and may serve another file or name
        FileDownloadRequestEvent event = new FileDownloadRequestEvent(c, record, field, servedPath, servedName,
                thumbError, q.request());
        Download[] served = new Download[1];
        hooks.onFileDownloadRequest().trigger(event, e -> served[0] = serve(e.servedName(),
                e.servedPath().equals(key) ? original : files.stat(e.servedPath()).orElseThrow(NotFound::new)));
        event.throwIfAnswered();
        if (served[0] == null) {
            throw HookResponse.nothingWritten();
        }
        return served[0];
    }

    private Download serve(String name, FileStore.StoredFile f) {
        return new Download(name, MimeTypes.served(name, f.contentType()), f.size(), f.modified(),
                offset -> files.open(f.key(), offset));
    }

    /** files.md §5: 100x100 always, plus the field's own sizes (as spelled there). */
    private static boolean allowed(FileField field, String thumb) {
        return thumb.equals(ThumbSize.DEFAULT) || field.thumbs().contains(thumb);
    }

    /** Generates a missing thumb once, however many requests ask for it at the same time. */
    private boolean generate(String originalKey, String type, ThumbSize size, String thumbKey) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = generating.putIfAbsent(thumbKey, mine);
        if (running != null) {
            try {
                return running.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        }
        boolean ok = false;
        try {
            if (!thumbSlots.tryAcquire(60, TimeUnit.SECONDS)) {
                return false;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String outType;
                try (InputStream in = files.open(originalKey, 0)) {
                    outType = thumbnails.render(in, type, size, out);
                }
                files.put(thumbKey, new ByteArrayInputStream(out.toByteArray()), out.size(), outType, "");
                ok = true;
            } finally {
                thumbSlots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // Upstream serves the original when the thumb cannot be made (corrupt or oversized image).
            LOG.log(System.Logger.Level.DEBUG, "thumb generation failed for " + thumbKey, e);
        } finally {
            generating.remove(thumbKey, mine);
            mine.complete(ok);
        }
        return ok;
    }

    /** The file field of the record whose value holds {@code filename}. */
    private static Optional<FileField> owningField(Collection c, Record record, String filename) {
        for (Field f : c.fields()) {
            if (f instanceof FileField ff && names(record.get(f.name())).contains(filename)) {
                return Optional.of(ff);
            }
        }
        return Optional.empty();
    }

    /**
     * A view's files live with the source record: the first non-view record whose file field holds the
     * name (stored names carry a random part, so they identify one record).
     */
    private Optional<String[]> sourceOf(String filename) {
        for (Collection other : collections.all()) {
            if (other.isView()) {
                continue;
            }
            List<Lookup.Condition> holders = new ArrayList<>();
            for (Field f : other.fields()) {
                if (f instanceof FileField ff) {
                    holders.add(ff.multiple() ? Lookup.Condition.has(f.name(), filename)
                            : Lookup.Condition.equal(f.name(), filename));
                }
            }
            if (holders.isEmpty()) {
                continue;
            }
            List<Record> found = records.list(other, RecordQuery.lookup(Lookup.either(holders), List.of(), 1)).items();
            if (!found.isEmpty()) {
                return Optional.of(new String[] {other.id(), found.get(0).id()});
            }
        }
        return Optional.empty();
    }

    /**
     * files.md §4: the file token's record, else a guest; the Authorization header plays no part. A superuser's
     * token from an IP outside {@code superuserIPs} counts as a guest, as upstream's download checks it.
     */
    private RequestInfo requester(String token, RequestInfo request, String clientIp) {
        RequestInfo guest = new RequestInfo(Optional.empty(), request.method(), request.headers(), request.query(),
                Map.of(), PROTECTED_FILE_CONTEXT);
        if (token.isEmpty()) {
            return guest;
        }
        Optional<TokenClaims> claims = tokens.peek(token).filter(t -> t.type() == TokenType.FILE);
        if (claims.isEmpty() || claims.get().id() == null || claims.get().collectionId() == null) {
            return guest;
        }
        Optional<Collection> c = collections.find(claims.get().collectionId())
                .filter(x -> x.id().equals(claims.get().collectionId()));
        if (c.isEmpty() || !(c.get() instanceof AuthCollection auth)) {
            return guest;
        }
        Optional<Record> record = records.find(auth, claims.get().id());
        if (record.isEmpty()) {
            return guest;
        }
        String key = record.get().text("tokenKey") + auth.auth().fileToken().secret();
        boolean valid = tokens.verify(token, key)
                .filter(v -> v.type() == TokenType.FILE && claims.get().id().equals(v.id()))
                .isPresent();
        if (!valid) {
            return guest;
        }
        IpWhitelist allowed = new IpWhitelist(settings.current().superuserIPs());
        if (auth.isSuperusers() && !allowed.isEmpty() && !allowed.contains(clientIp)) {
            return guest;
        }
        return new RequestInfo(record, request.method(), request.headers(), request.query(), Map.of(),
                PROTECTED_FILE_CONTEXT);
    }

    private boolean canView(Collection c, Record record, RequestInfo requester) {
        if (requester.isSuperuser()) {
            return true;
        }
        return switch (c.rules().view()) {
            case AccessRule.Locked l -> false;
            case AccessRule.Public p -> true;
            case AccessRule.Filter f -> records.findMatching(c, record.id(), f.bound(), requester).isPresent();
        };
    }

    @Override
    public String createFileToken(RequestInfo request) {
        Record auth = request.auth().orElseThrow(() -> new Unauthorized("Missing auth context."));
        if (!(auth.collection() instanceof AuthCollection c)) {
            throw new Unauthorized("Missing auth context.");
        }
        long exp = clock.instant().getEpochSecond() + c.auth().fileToken().duration();
        TokenClaims claims = new TokenClaims(auth.id(), TokenType.FILE, c.id(), exp, Map.of());
        FileTokenRequestEvent event = new FileTokenRequestEvent(auth,
                tokens.sign(claims, auth.text("tokenKey") + c.auth().fileToken().secret()), request);
        hooks.onFileTokenRequest().trigger(event);
        event.throwIfAnswered();
        return event.token();
    }

    @Override
    public void testS3(String filesystem, RequestInfo request) {
        if (request.auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!request.isSuperuser()) {
            throw new Forbidden(Forbidden.NOT_ALLOWED);
        }
        String fs = filesystem == null ? "" : filesystem;
        if (fs.isEmpty()) {
            throw ValidationFailed.of(S3_TEST_FAILED, "filesystem", FieldError.required());
        }
        if (!fs.equals("storage") && !fs.equals("backups")) {
            throw ValidationFailed.of(S3_TEST_FAILED, "filesystem",
                    FieldError.of("validation_in_invalid", "Must be a valid value."));
        }
        Settings all = settings.current();
        S3Config config = fs.equals("storage") ? all.s3() : all.backups().s3();
        if (!config.enabled()) {
            throw new BadRequest(S3_TEST_FAILED + " Raw error: \nS3 storage filesystem is not enabled");
        }
        try {
            s3.check(config);
        } catch (RuntimeException e) {
            throw new BadRequest(S3_TEST_FAILED + " Raw error: \n" + e.getMessage(), e);
        }
    }

    @Override
    public long uploadAllowance(String collection) {
        // upstream's dynamic body limit: what every file, json and editor field may hold; views take no writes
        Optional<Collection> c = collections.find(collection).filter(x -> !x.isView());
        long total = 0;
        for (Field f : c.map(Collection::fields).orElse(List.of())) {
            total += switch (f) {
                case FileField ff -> ff.effectiveMaxSize() * Math.max(ff.maxSelect(), 1);
                case dev.locket.domain.field.JsonField jf -> jf.effectiveMaxSize();
                case dev.locket.domain.field.EditorField ef -> ef.effectiveMaxSize();
                default -> 0L;
            };
        }
        return total;
    }

    /** The file names a stored value holds. */
    public static List<String> names(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s && !s.isEmpty()) {
            out.add(s);
        } else if (value instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !o.toString().isEmpty()) {
                    out.add(o.toString());
                }
            }
        }
        return out;
    }
}
