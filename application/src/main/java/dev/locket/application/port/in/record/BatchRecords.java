package dev.locket.application.port.in.record;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /api/batch} (records-api §9): record creates, updates, upserts and deletes run in one
 * transaction, all or nothing, each exactly as its single-record route would run it.
 */
public interface BatchRecords {

    String NOT_ALLOWED = "Batch requests are not allowed.";

    /**
     * One sub-request as submitted. {@code method} and {@code url} may be empty or invalid here: the
     * envelope check reports them. {@code body} holds the item's values and files as for a single
     * create or update; {@code headers} the item's own headers, which rules see as
     * {@code @request.headers.*} on top of the outer request's.
     */
    record Item(String method, String url, RecordBody body, List<Header> headers) {
        public Item {
            method = method == null ? "" : method;
            url = url == null ? "" : url;
            body = body == null ? RecordBody.empty() : body;
            headers = headers == null ? List.of() : List.copyOf(headers);
        }

        /** The same item with its multipart file parts ({@code requests.N.<field>}, keyed by field). */
        public Item withUploads(List<UploadedFile> files) {
            return new Item(method, url, body.withFiles(files), headers);
        }

        /** The url without its query string. */
        public String path() {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }

        /**
         * The first value of each query parameter of the url, in order, decoded leniently as Go's
         * {@code url.Values} does (a pair that does not decode is skipped, {@code +} is a space).
         */
        public List<QueryParam> query() {
            int q = url.indexOf('?');
            List<QueryParam> out = new ArrayList<>();
            if (q < 0) {
                return out;
            }
            String raw = url.substring(q + 1);
            int hash = raw.indexOf('#');
            if (hash >= 0) {
                raw = raw.substring(0, hash);
            }
            Set<String> seen = new HashSet<>();
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (seen.add(k)) {
                        out.add(new QueryParam(k, v));
                    }
                } catch (IllegalArgumentException e) {
                    // Go drops a pair it cannot unescape and keeps the rest.
                }
            }
            return out;
        }

        /** The first value of query parameter {@code name}, {@code ""} when absent. */
        public String query(String name) {
            return query().stream().filter(p -> p.name().equals(name)).map(QueryParam::value).findFirst().orElse("");
        }
    }

    /** One query parameter of a sub-request's url. */
    record QueryParam(String name, String value) {
        public QueryParam {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    /** One header of a sub-request, by the name the client gave it. */
    record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name);
            value = value == null ? "" : value;
        }
    }

    /** The sub-requests in order and the outer request, whose auth every item runs with. */
    record Command(List<Item> items, RequestInfo request) {
        public Command {
            items = items == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(items));
            request = RequestInfo.orGuest(request);
        }
    }

    /** The batch settings in force; {@code maxBodySize} already resolves upstream's 0 = 128 MiB. */
    record Limits(int maxRequests, Duration timeout, long maxBodySize) {
    }

    /** What one successful item answers. */
    sealed interface Result permits Saved, Deleted, Answered {
    }

    /** A created or updated record, expanded and stripped for the requester like the single route's answer. */
    record Saved(Record record) implements Result {
    }

    /** A deleted record (the single route's empty 204). */
    record Deleted() implements Result {
    }

    /**
     * What an item's request hook answered itself ({@code e.json}, {@code e.noContent}, or nothing when it stopped
     * the chain): upstream's batch records the sub-request's response as it was written, whatever its status, and
     * goes on with the next item. {@code body} is plain JSON values, or null for none.
     */
    record Answered(int status, Object body) implements Result {
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
