package dev.locket.application.service.record;

import dev.locket.application.hook.BatchRequestEvent;
import dev.locket.application.hook.Hook;
import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.BatchConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch API (records-api §9): checks the {@code batch} settings and the envelope, then runs each
 * item through the single-record use cases inside one transaction, in order, with request context
 * {@code batch}. The first failure rolls everything back.
 */
public final class BatchService implements BatchRecords {
    private static final System.Logger LOG = System.getLogger(BatchService.class.getName());

    static final String INVALID = "Invalid batch request data.";
    static final String CONTEXT = "batch";
    static final long DEFAULT_MAX_BODY = 128L << 20;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    static final int MAX_URL = 2000;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    // Upstream matches "METHOD url" against these; anything else fails the batch at that item.
    private static final Pattern UPSERT = Pattern.compile("PUT /api/collections/([^/?]+)/records(\\?.*)?");
    private static final Pattern CREATE = Pattern.compile("POST /api/collections/([^/?]+)/records(\\?.*)?");
    private static final Pattern UPDATE = Pattern.compile("PATCH /api/collections/([^/?]+)/records/([^/?]+)(\\?.*)?");
    private static final Pattern DELETE = Pattern.compile("DELETE /api/collections/([^/?]+)/records/([^/?]+)(\\?.*)?");

    private final CurrentSettings settings;
    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final CreateRecord create;
    private final UpdateRecord update;
    private final DeleteRecord delete;
    private final Clock clock;
    private final Hook<BatchRequestEvent> hook;

    /** {@code create}/{@code update}/{@code delete} are the single-record use cases (the RecordService). */
    public BatchService(CurrentSettings settings, CollectionStore collections, RecordStore records, Transactions tx,
                        CreateRecord create, UpdateRecord update, DeleteRecord delete, Clock clock) {
        this(settings, collections, records, tx, create, update, delete, clock, new Hooks());
    }

    /** {@code hooks} supplies {@code onBatchRequest}. */
    public BatchService(CurrentSettings settings, CollectionStore collections, RecordStore records, Transactions tx,
                        CreateRecord create, UpdateRecord update, DeleteRecord delete, Clock clock, Hooks hooks) {
        this.hook = hooks.onBatchRequest();
        this.settings = settings;
        this.collections = collections;
        this.records = records;
        this.tx = tx;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.clock = clock;
    }

    @Override
    public Limits limits() {
        BatchConfig batch = settings.current().batch();
        long maxRequests = batch.maxRequests();
        if (!batch.enabled() || maxRequests <= 0) {
            throw new Forbidden(NOT_ALLOWED);
        }
        long seconds = batch.timeout();
        long maxBody = batch.maxBodySize();
        return new Limits((int) Math.min(maxRequests, Integer.MAX_VALUE),
                seconds <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(seconds),
                maxBody <= 0 ? DEFAULT_MAX_BODY : maxBody);
    }

    @Override
    public List<Result> batch(Command command) {
        Limits limits = limits();
        checkEnvelope(command.items(), limits.maxRequests());
        // as upstream, the hook sees the validated sub-requests and may change them before they run
        BatchRequestEvent event = new BatchRequestEvent(command.items(), command.request());
        hook.trigger(event, e -> e.results(runAll(List.copyOf(e.batch()), command.request(), limits)));
        event.throwIfAnswered();
        return event.results();
    }

    private List<Result> runAll(List<Item> items, RequestInfo request, Limits limits) {
        Instant start = clock.instant();
        return tx.inTransaction(() -> {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                try {
                    results.add(run(items.get(i), request));
                } catch (HookResponse answer) {
                    results.add(new Answered(answer.status(), answer.body().orElse(null)));
                } catch (LocketException e) {
                    throw new BatchFailed(i, e);
                } catch (RuntimeException e) {
                    // Upstream turns any non-API error of an item into the generic 400 at that index.
                    LOG.log(System.Logger.Level.WARNING, "batch item " + i + " failed", e);
                    throw new BatchFailed(i, new BadRequest(BadRequest.GENERIC, e));
                }
                // A transaction cannot be abandoned half-way from another thread here, so the timeout
                // is checked between items; exceeding it rolls back with upstream's bare 400.
                if (Duration.between(start, clock.instant()).compareTo(limits.timeout()) > 0) {
                    throw new BadRequest(BatchFailed.MESSAGE);
                }
            }
            return List.copyOf(results);
        });
    }

    /** Upstream's form rules: requests required and at most maxRequests; per item method and url. */
    private static void checkEnvelope(List<Item> items, int maxRequests) {
        if (items.isEmpty()) {
            throw ValidationFailed.of(INVALID, "requests", FieldError.required());
        }
        if (items.size() > maxRequests) {
            throw ValidationFailed.of(INVALID, "requests", tooLong(maxRequests));
        }
        Map<String, ErrorNode> byIndex = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Map<String, ErrorNode> errors = new LinkedHashMap<>();
            if (item.method().isEmpty()) {
                errors.put("method", FieldError.required());
            } else if (!METHODS.contains(item.method())) {
                errors.put("method", FieldError.of("validation_in_invalid", "Must be a valid value."));
            }
            if (item.url().isEmpty()) {
                errors.put("url", FieldError.required());
            } else if (item.url().getBytes(StandardCharsets.UTF_8).length > MAX_URL) {
                errors.put("url", tooLong(MAX_URL));
            }
            if (!errors.isEmpty()) {
                byIndex.put(String.valueOf(i), new ErrorGroup(errors));
            }
        }
        if (!byIndex.isEmpty()) {
            throw ValidationFailed.of(INVALID, "requests", new ErrorGroup(byIndex));
        }
    }

    /** ozzo's Length(0, max) failure, which carries both bounds as params. */
    private static FieldError tooLong(int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("max", max);
        params.put("min", 0);
        return new FieldError("validation_length_too_long", "The length must be no more than " + max + ".", params);
    }

    private Result run(Item item, RequestInfo outer) {
        String action = item.method() + " " + item.url();
        String expand = item.query("expand");
        Matcher m;
        if ((m = UPSERT.matcher(action)).matches()) {
            String collection = m.group(1);
            String id = item.body().entry("id").map(RecordBody.Entry::value).orElse(null) instanceof String s ? s : "";
            // Upsert = update when the id already exists in the collection (no rule applied to the lookup).
            boolean exists = !id.isEmpty() && collections.find(collection)
                    .flatMap(c -> records.find(c, id)).isPresent();
            if (exists) {
                return new Saved(update.update(new UpdateRecord.Command(collection, id, item.body(), expand,
                        info(item, "PATCH", outer))));
            }
            return new Saved(create.create(new CreateRecord.Command(collection, item.body(), expand,
                    info(item, "POST", outer))));
        }
        if ((m = CREATE.matcher(action)).matches()) {
            return new Saved(create.create(new CreateRecord.Command(m.group(1), item.body(), expand,
                    info(item, "POST", outer))));
        }
        if ((m = UPDATE.matcher(action)).matches()) {
            return new Saved(update.update(new UpdateRecord.Command(m.group(1), m.group(2), item.body(), expand,
                    info(item, "PATCH", outer))));
        }
        if ((m = DELETE.matcher(action)).matches()) {
            delete.delete(new DeleteRecord.Command(m.group(1), m.group(2), info(item, "DELETE", outer)));
            return new Deleted();
        }
        throw new BadRequest(); // "unknown batch request action" upstream: the generic 400
    }

    /**
     * The item's {@code @request.*}: the outer auth and headers with the item's headers on top, except
     * that an item cannot bring its own Authorization (every item runs as the batch caller).
     */
    private static RequestInfo info(Item item, String method, RequestInfo outer) {
        Map<String, String> headers = new LinkedHashMap<>(outer.headers());
        for (BatchRecords.Header h : item.headers()) {
            String key = RequestInfo.headerKey(h.name());
            if (!key.equals("authorization")) {
                headers.put(key, h.value());
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        item.query().forEach(p -> query.put(p.name(), p.value()));
        // a batch submitted by the system caller runs each item as the system caller too
        return new RequestInfo(outer.auth(), method, headers, query, FileUploads.jsonBody(item.body()), CONTEXT,
                outer.caller() == RequestInfo.Caller.SYSTEM);
    }
}
