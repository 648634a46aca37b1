package dev.locket.adapters.http;

import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.Page;
import dev.locket.domain.record.Record;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Record CRUD under {@code /api/collections/{collection}/records} (records-api §1–§6). */
final class RecordRoutes implements HttpService {

    private static final String BASE = "/api/collections/{collection}/records";

    private final HttpContext ctx;

    RecordRoutes(HttpContext ctx) {
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
                p.filter(), p.sort(), p.page(), p.perPage(), p.skipTotal(), r.query("expand"), r.info()));
        Responses.list(req, res, envelope(page.page(), page.perPage(), page.totalItems(), page.totalPages(),
                RecordJson.toList(page.items())));
    }

    static Map<String, Object> envelope(int page, int perPage, long totalItems, long totalPages, Object items) {
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
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r);
        Record record = ctx.ports().createRecord().create(new CreateRecord.Command(r.pathParam("collection"), body,
                r.query("expand"), r.info(body)));
        // PocketBase answers a create with 200, not 201.
        Responses.json(req, res, 200, RecordJson.toMap(record));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r);
        Record record = ctx.ports().updateRecord().update(new UpdateRecord.Command(r.pathParam("collection"),
                r.pathParam("id"), body, r.query("expand"), r.info(body)));
        Responses.json(req, res, 200, RecordJson.toMap(record));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        ctx.ports().deleteRecord().delete(new DeleteRecord.Command(r.pathParam("collection"), r.pathParam("id"),
                r.info()));
        Responses.noContent(res);
    }
}
