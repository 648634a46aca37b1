package dev.locket.adapters.http.record;

import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.MultipartReader;
import dev.locket.adapters.http.support.QueryParams;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.Page;
import dev.locket.domain.record.Record;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Record CRUD under {@code /api/collections/{collection}/records} (records-api §1–§6). */
public final class RecordRoutes implements HttpService {

    private static final String BASE = "/api/collections/{collection}/records";

    private final HttpContext ctx;

    public RecordRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, BASE, this::list);
        Routes.getOrHead(rules, BASE + "/{id}", this::view);
        rules.post(BASE, this::create);
        rules.patch(BASE + "/{id}", this::update);
        rules.delete(BASE + "/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        QueryParams p = QueryParams.of(r);
        Page<Record> page = ctx.ports().listRecords().list(new ListRecords.Query(r.pathParam("collection"),
                p.filter(), p.sort(), p.page(), p.perPage(), p.skipTotal(), r.query("expand"), r.info(),
                RequestIp.of(req)));
        Responses.list(req, res, envelope(page.page(), page.perPage(), page.totalItems(), page.totalPages(),
                RecordJson.toList(page.items())));
    }

    public static Map<String, Object> envelope(int page, int perPage, long totalItems, long totalPages, Object items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("perPage", perPage);
        body.put("totalItems", totalItems);
        body.put("totalPages", totalPages);
        body.put("items", items);
        return body;
    }

    private void view(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Record record = ctx.ports().viewRecord().view(new ViewRecord.Query(r.pathParam("collection"),
                r.pathParam("id"), r.query("expand"), r.info()));
        Responses.json(req, res, 200, RecordJson.toMap(record));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ApiRequest r = withUploads(ApiRequest.of(req, ctx));
        ApiRequest.Body raw = r.body();
        try {
            Map<String, Object> body = Routes.bodyMap(raw);
            Record record = ctx.ports().createRecord().create(new CreateRecord.Command(r.pathParam("collection"),
                    recordBody(body, uploads(raw)), r.query("expand"), r.info(body)));
            // PocketBase answers a create with 200, not 201.
            Responses.json(req, res, 200, RecordJson.toMap(record));
        } finally {
            discard(raw);
        }
    }

    private void update(ServerRequest req, ServerResponse res) {
        ApiRequest r = withUploads(ApiRequest.of(req, ctx));
        ApiRequest.Body raw = r.body();
        try {
            Map<String, Object> body = Routes.bodyMap(raw);
            Record record = ctx.ports().updateRecord().update(new UpdateRecord.Command(r.pathParam("collection"),
                    r.pathParam("id"), recordBody(body, uploads(raw)), r.query("expand"), r.info(body)));
            Responses.json(req, res, 200, RecordJson.toMap(record));
        } finally {
            discard(raw);
        }
    }

    /** records-api §8: the body limit grows by each file field's maxSize × max(maxSelect, 1). */
    private ApiRequest withUploads(ApiRequest r) {
        return r.withUploads(ctx.bodyLimit() + ctx.ports().files().limits().uploadAllowance(r.pathParam("collection")));
    }

    /**
     * The decoded JSON or multipart body as the use case's {@link RecordBody}: every key handed over as
     * submitted (modifiers, unknown keys and all), then the file parts.
     */
    static RecordBody recordBody(Map<String, Object> body, List<UploadedFile> uploads) {
        RecordBody.Builder out = RecordBody.builder();
        body.forEach(out::put);
        return out.files(uploads).build();
    }

    /** The spooled file parts as uploads (read from their temp files), each to the target its key names. */
    static List<UploadedFile> uploads(ApiRequest.Body body) {
        List<UploadedFile> out = new ArrayList<>();
        for (MultipartReader.FilePart part : fileParts(body)) {
            upload(part.key(), part).ifPresent(out::add);
        }
        return out;
    }

    static List<MultipartReader.FilePart> fileParts(ApiRequest.Body body) {
        return body instanceof ApiRequest.Body.Form form ? form.files() : List.of();
    }

    /**
     * The part as an upload to the file target {@code key} names ({@code docs}, {@code docs+}, {@code +docs}),
     * decoded here once; empty for any other key, whose parts upstream never reads.
     */
    static Optional<UploadedFile> upload(String key, MultipartReader.FilePart part) {
        return UploadedFile.forKey(key, part.filename(), part.size(), part::open);
    }

    static void discard(ApiRequest.Body body) {
        if (body instanceof ApiRequest.Body.Form form) {
            form.discard();
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        ctx.ports().deleteRecord().delete(new DeleteRecord.Command(r.pathParam("collection"), r.pathParam("id"),
                r.info()));
        Responses.noContent(res);
    }
}
