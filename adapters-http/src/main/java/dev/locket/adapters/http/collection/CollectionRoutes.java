package dev.locket.adapters.http.collection;

import dev.locket.adapters.http.record.RecordJson;
import dev.locket.adapters.http.record.RecordRoutes;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.QueryParams;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.FieldCodec;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.json.JsonShape;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The superuser collections API (collections-and-fields §10): bodies are read into drafts
 * ({@link CollectionJson}); access checks live in the service.
 */
public final class CollectionRoutes implements HttpService {

    private final HttpContext ctx;

    public CollectionRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    private ManageCollections port() {
        return ctx.ports().collections();
    }

    @Override
    public void routing(HttpRules rules) {
        // Fixed paths first so "meta" and "import" are not taken for collection names.
        Routes.getOrHead(rules, "/api/collections/meta/scaffolds", this::scaffolds);
        rules.put("/api/collections/import", this::importCollections);
        rules.post("/api/collections/meta/dry-run-view", this::dryRunView);
        Routes.getOrHead(rules, "/api/collections", this::list);
        rules.post("/api/collections", this::create);
        Routes.getOrHead(rules, "/api/collections/{collection}", this::view);
        rules.patch("/api/collections/{collection}", this::update);
        rules.delete("/api/collections/{collection}", this::delete);
        rules.delete("/api/collections/{collection}/truncate", this::truncate);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        QueryParams p = QueryParams.of(r);
        Page<Collection> page = port().list(new ManageCollections.ListQuery(p.filter(), p.sort(), p.page(),
                p.perPage(), p.skipTotal(), r.info()));
        List<Object> items = new ArrayList<>();
        page.items().forEach(c -> items.add(CollectionJson.write(c)));
        Responses.list(req, res, RecordRoutes.envelope(page.page(), page.perPage(), page.totalItems(),
                page.totalPages(), items));
    }

    private void view(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Responses.json(req, res, 200, CollectionJson.write(port().view(r.pathParam("collection"), r.info())));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r, JsonShape.BAD_FORMAT);
        Responses.json(req, res, 200,
                CollectionJson.write(port().create(CollectionJson.readDraft(body), r.info(body))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r, JsonShape.BAD_FORMAT);
        Responses.json(req, res, 200,
                CollectionJson.write(port().update(r.pathParam("collection"), CollectionJson.readDraft(body), r.info(body))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        port().delete(r.pathParam("collection"), r.info());
        Responses.noContent(res);
    }

    private void truncate(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        port().truncate(r.pathParam("collection"), r.info());
        Responses.noContent(res);
    }

    private void importCollections(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        List<CollectionDraft> collections = new ArrayList<>();
        Object raw = body.get("collections");
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new BadRequest(BadRequest.LOAD_FAILED);
                }
                Map<String, Object> item = new LinkedHashMap<>();
                m.forEach((k, v) -> item.put(String.valueOf(k), v));
                collections.add(CollectionJson.readDraft(item));
            }
        } else if (raw != null) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        Object deleteMissing = body.getOrDefault("deleteMissing", false);
        if (deleteMissing != null && !(deleteMissing instanceof Boolean)) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        RequestInfo info = r.info(body);
        // The import form's own rule; guests and non-superusers still get the port's 401/403 first,
        // as upstream checks superuser access in a middleware before the handler.
        if (collections.isEmpty() && info.isSuperuser()) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "collections", FieldError.required());
        }
        port().importCollections(new ManageCollections.Import(collections, Boolean.TRUE.equals(deleteMissing)), info);
        Responses.noContent(res);
    }

    private void dryRunView(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        String query = body.get("query") instanceof String q ? q : "";
        ManageCollections.ViewPreview preview = port().dryRunView(query, r.info(body));
        List<Object> fields = new ArrayList<>();
        preview.fields().forEach(f -> fields.add(FieldCodec.write(f)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", fields);
        out.put("sample", RecordJson.toList(preview.sample()));
        Responses.json(req, res, 200, out);
    }

    private void scaffolds(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        Map<String, Object> out = new java.util.TreeMap<>(); // a Go map upstream: sorted keys
        ManageCollections.Scaffolds scaffolds = port().scaffolds(r.info());
        out.put("auth", CollectionJson.write(scaffolds.auth()));
        out.put("base", CollectionJson.write(scaffolds.base()));
        out.put("view", CollectionJson.write(scaffolds.view()));
        Responses.json(req, res, 200, out);
    }
}
