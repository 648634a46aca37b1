package dev.locket.adapters.http.record;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.MultipartReader;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.Responses;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.json.FieldsPicker;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/batch} (records-api §9). The body is a JSON object {@code {"requests":[…]}} or a
 * form whose {@code @jsonPayload} part(s) carry that object; file parts {@code requests.N.field} (or
 * {@code requests[N].field}) are uploads of item N.
 */
public final class BatchRoutes implements HttpService {

    static final String UNREADABLE = "Failed to read the submitted batch data.";

    private final HttpContext ctx;

    public BatchRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/batch", this::batch);
    }

    private void batch(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        BatchRecords port = ctx.ports().batchRecords();
        // Upstream refuses a disabled batch and applies the batch body limit before reading the body.
        BatchRecords.Limits limits = port.limits();
        ApiRequest.Body body;
        try {
            body = r.withUploads(limits.maxBodySize()).body();
        } catch (BadRequest e) {
            throw new BadRequest(UNREADABLE);
        }
        List<BatchRecords.Result> results;
        List<FieldsPicker> pickers;
        try {
            List<BatchRecords.Item> items = withUploads(items(body), body);
            pickers = pickers(items);
            results = port.batch(new BatchRecords.Command(items, r.info()));
        } finally {
            RecordRoutes.discard(body);
        }
        List<Object> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            out.add(result(results.get(i), pickers.get(i)));
        }
        Responses.json(req, res, 200, out);
    }

    /** One entry of the answer, keyed in the order of upstream's {@code BatchRequestResult} struct. */
    private static Map<String, Object> result(BatchRecords.Result result, FieldsPicker picker) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (result) {
            case BatchRecords.Saved s -> {
                Object body = RecordJson.toMap(s.record());
                out.put("body", picker == null ? body : Responses.sorted(picker.pick(body)));
                out.put("status", 200);
            }
            case BatchRecords.Deleted d -> {
                out.put("body", null);
                out.put("status", 204);
            }
            case BatchRecords.Answered a -> {
                out.put("body", a.body());
                out.put("status", a.status());
            }
        }
        return out;
    }

    /**
     * Each item's {@code ?fields=} picker, parsed up front: a malformed one fails the batch at that item
     * as upstream does when it writes the item's response (upstream would first run earlier items,
     * which its rollback then undoes, so only the reported failure can differ when several are bad).
     */
    private static List<FieldsPicker> pickers(List<BatchRecords.Item> items) {
        List<FieldsPicker> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String fields = items.get(i).query("fields");
            FieldsPicker picker = null;
            if (!fields.isEmpty()) {
                try {
                    picker = FieldsPicker.parse(fields);
                } catch (LocketException e) {
                    throw new BatchFailed(i, e);
                }
            }
            out.add(picker == null || picker.isEmpty() ? null : picker);
        }
        return out;
    }

    private static final java.util.regex.Pattern FILE_PART =
            java.util.regex.Pattern.compile("^requests(?:\\.(\\d+)\\.|\\[(\\d+)\\]\\.)(.+)$");

    /** records-api §9: file parts {@code requests.N.<field>} / {@code requests[N].<field>} belong to item N. */
    static List<BatchRecords.Item> withUploads(List<BatchRecords.Item> items, ApiRequest.Body body) {
        List<MultipartReader.FilePart> parts = RecordRoutes.fileParts(body);
        if (parts.isEmpty()) {
            return items;
        }
        List<List<UploadedFile>> perItem = new ArrayList<>();
        items.forEach(i -> perItem.add(new ArrayList<>()));
        for (MultipartReader.FilePart part : parts) {
            java.util.regex.Matcher m = FILE_PART.matcher(part.key());
            if (!m.matches()) {
                continue;
            }
            String index = m.group(1) != null ? m.group(1) : m.group(2);
            int n;
            try {
                n = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                continue;
            }
            if (n < items.size()) {
                RecordRoutes.upload(m.group(3), part).ifPresent(perItem.get(n)::add);
            }
        }
        List<BatchRecords.Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(perItem.get(i).isEmpty() ? items.get(i) : items.get(i).withUploads(perItem.get(i)));
        }
        return out;
    }

    /** The submitted items; a body that does not decode into upstream's request form is unreadable. */
    static List<BatchRecords.Item> items(ApiRequest r) {
        ApiRequest.Body body;
        try {
            body = r.body();
        } catch (BadRequest e) {
            throw new BadRequest(UNREADABLE);
        }
        return items(body);
    }

    static List<BatchRecords.Item> items(ApiRequest.Body body) {
        Object requests = switch (body) {
            case ApiRequest.Body.Empty e -> null;
            case ApiRequest.Body.Json j -> requestsOf(j.object(), null);
            case ApiRequest.Body.Form f -> fromPayloads(f.values().getOrDefault("@jsonPayload", List.of()));
        };
        if (requests == null) {
            return List.of();
        }
        if (!(requests instanceof List<?> list)) {
            throw new BadRequest(UNREADABLE);
        }
        List<BatchRecords.Item> items = new ArrayList<>(list.size());
        for (Object element : list) {
            items.add(item(element));
        }
        return items;
    }

    /** Go decodes every {@code @jsonPayload} part into the same form in turn; a later "requests" wins. */
    private static Object fromPayloads(List<String> payloads) {
        Object requests = null;
        for (String payload : payloads) {
            Object parsed;
            try {
                parsed = GoJson.read(payload);
            } catch (IOException e) {
                throw new BadRequest(UNREADABLE);
            }
            if (parsed == null) {
                continue;
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new BadRequest(UNREADABLE);
            }
            requests = requestsOf(map, requests);
        }
        return requests;
    }

    private static Object requestsOf(Map<?, ?> object, Object current) {
        Object requests = current;
        for (Map.Entry<?, ?> e : object.entrySet()) {
            // encoding/json matches struct fields case-insensitively; the last matching key wins.
            if (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).equals("requests")) {
                requests = e.getValue();
            }
        }
        return requests;
    }

    private static BatchRecords.Item item(Object element) {
        if (element == null) {
            return new BatchRecords.Item("", "", RecordBody.empty(), List.of());
        }
        if (!(element instanceof Map<?, ?> map)) {
            throw new BadRequest(UNREADABLE);
        }
        String method = null;
        String url = null;
        RecordBody body = null;
        List<BatchRecords.Header> headers = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            switch (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT)) {
                case "method" -> method = text(v);
                case "url" -> url = text(v);
                case "body" -> body = object(v);
                case "headers" -> headers = headers(v);
                default -> {
                    // other keys are ignored, as Go's decoder ignores unknown fields
                }
            }
        }
        return new BatchRecords.Item(method, url, body, headers);
    }

    private static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new BadRequest(UNREADABLE);
    }

    private static RecordBody object(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new BadRequest(UNREADABLE);
        }
        RecordBody.Builder out = RecordBody.builder();
        map.forEach((k, value) -> out.put(String.valueOf(k), value));
        return out.build();
    }

    private static List<BatchRecords.Header> headers(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new BadRequest(UNREADABLE);
        }
        List<BatchRecords.Header> out = new ArrayList<>();
        map.forEach((k, value) -> out.add(new BatchRecords.Header(String.valueOf(k), value == null ? "" : text(value))));
        return out;
    }
}
