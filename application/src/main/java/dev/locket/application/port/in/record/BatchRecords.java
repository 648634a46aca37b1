package dev.locket.application.port.in.record;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/batch} (records-api §9): record creates, updates, upserts and deletes run in one
 * transaction, all or nothing, each exactly as its single-record route would run it.
 */
public interface BatchRecords {

    String NOT_ALLOWED = "Batch requests are not allowed.";

    /**
     * One sub-request as submitted. {@code method} and {@code url} may be empty or invalid here: the
     * envelope check reports them. {@code body} holds JSON-shaped values; {@code headers} use the
     * names rules see ({@code @request.headers.*}: lower case, non-alphanumerics as {@code _}).
     */
    record Item(String method, String url, Map<String, Object> body, Map<String, String> headers,
                List<UploadedFile> uploads) {
        public Item {
            method = method == null ? "" : method;
            url = url == null ? "" : url;
            body = body == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(body));
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            uploads = uploads == null ? List.of() : List.copyOf(uploads);
        }

        public Item(String method, String url, Map<String, Object> body, Map<String, String> headers) {
            this(method, url, body, headers, List.of());
        }

        /** The same item with its multipart file parts ({@code requests.N.<field>}, keyed by field). */
        public Item withUploads(List<UploadedFile> files) {
            return new Item(method, url, body, headers, files);
        }

        /** The url without its query string. */
        public String path() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }

        /**
         * The first value of each query parameter of the url, decoded leniently as Go's
         * {@code url.Values} does (a pair that does not decode is skipped, {@code +} is a space).
         */
        public Map<String, String> query() {
            int q = url.indexOf('?');
            Map<String, String> out = new LinkedHashMap<>();
            if (q < 0) {
                return out;
            }
            String raw = url.substring(q + 1);
            int hash = raw.indexOf('#');
            if (hash >= 0) {
                raw = raw.substring(0, hash);
            }
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    out.putIfAbsent(k, v);
                } catch (IllegalArgumentException e) {
                    // Go drops a pair it cannot unescape and keeps the rest.
                }
            }
            return out;
        }
    }

    /** The sub-requests in order and the outer request, whose auth every item runs with. */
    record Command(List<Item> items, RequestInfo request) {
        public Command {
            items = items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
            request = request == null ? RequestInfo.guest() : request;
        }
    }

    /** The batch settings in force; {@code maxBodySize} already resolves upstream's 0 = 128 MiB. */
    record Limits(int maxRequests, Duration timeout, long maxBodySize) {
    }

    /** What one successful item answers. */
    sealed interface Result permits Saved, Deleted {
    }

    /** A created or updated record, expanded and stripped for the requester like the single route's answer. */
    record Saved(Record record) implements Result {
    }

    /** A deleted record (the single route's empty 204). */
    record Deleted() implements Result {
    }

    /**
     * The batch settings, read before the body so that a disabled batch is refused unread.
     * Throws {@code Forbidden} ({@link #NOT_ALLOWED}) when batching is disabled or maxRequests ≤ 0.
     */
    Limits limits();

    /**
     * Checks the envelope ({@code ValidationFailed} "Invalid batch request data.") then runs every item
     * in one transaction. The first failing item rolls everything back and surfaces as
     * {@code BatchFailed} with its index and own error; exceeding the timeout is a {@code BadRequest}
     * "Batch transaction failed.". Results come in request order.
     */
    List<Result> batch(Command command);
}
