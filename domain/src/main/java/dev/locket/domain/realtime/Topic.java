package dev.locket.domain.realtime;

import dev.locket.domain.json.Json;
import dev.locket.domain.text.Inflector;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One subscription as a client submitted it (realtime §4): the raw string (which is also the event name
 * its messages carry), its path before {@code ?}, and the {@code query}/{@code headers} of its
 * {@code ?options=} JSON. Options that cannot be read are empty, as upstream keeps the subscription.
 */
public record Topic(String raw, String path, Map<String, String> query, Map<String, String> headers) {

    /** What a record change is checked against. */
    public enum Kind {
        /** {@code <collection>/*} or the legacy {@code <collection>}: listRule. */
        LIST,
        /** {@code <collection>/<id>}: viewRule. */
        RECORD
    }

    private static final Optional<Kind> RECORD = Optional.of(Kind.RECORD);
    private static final Optional<Kind> LIST = Optional.of(Kind.LIST);

    public Topic {
        Objects.requireNonNull(raw);
        Objects.requireNonNull(path);
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Topic parse(String raw) {
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        if (q >= 0) {
            readOptions(raw.substring(q + 1), query, headers);
        }
        return new Topic(raw, path, query, headers);
    }

    /**
     * Whether a change of record {@code recordId} in the collection with this id and name reaches this
     * subscription, and under which rule; empty when it does not. Names and ids match exactly as written.
     */
    public Optional<Kind> kindFor(String collectionId, String collectionName, String recordId) {
        // Compared in place: the dispatcher asks this of every subscription for every write (issue 16).
        if (is(collectionName, recordId) || is(collectionId, recordId)) {
            return RECORD;
        }
        if (is(collectionName, "*") || is(collectionId, "*") || path.equals(collectionName)
                || path.equals(collectionId)) {
            return LIST;
        }
        return Optional.empty();
    }


    /** Whether the path is exactly {@code collection + "/" + rest}. */
    private boolean is(String collection, String rest) {
        int c = collection.length();
        return path.length() == c + 1 + rest.length() && path.startsWith(collection) && path.charAt(c) == '/'
                && path.endsWith(rest);
    }

    /** The collection this subscription names, a record change elsewhere never reaching it: the path before '/'. */
    public String collectionPart() {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** The {@code filter} option, or "". */
    public String filter() {
        return query.getOrDefault("filter", "");
    }

    public String expand() {
        return query.getOrDefault("expand", "");
    }

    public String fields() {
        return query.getOrDefault("fields", "");
    }

    private static void readOptions(String queryString, Map<String, String> query, Map<String, String> headers) {
        String encoded = null;
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals("options")) {
                encoded = eq < 0 ? "" : pair.substring(eq + 1);
                break; // Go's url.Values.Get returns the first value
            }
        }
        if (encoded == null) {
            return;
        }
        try {
            Object parsed = Json.parse(decode(encoded));
            if (!(parsed instanceof Map<?, ?> options)) {
                return;
            }
            if (options.get("query") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> query.put(String.valueOf(k), stringOf(v)));
            }
            if (options.get("headers") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> headers.put(Inflector.snakeCase(String.valueOf(k)), stringOf(v)));
            }
        } catch (RuntimeException unreadable) {
            query.clear();
            headers.clear();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Numbers and booleans in their string form; objects, arrays and null as "" (realtime §4). */
    private static String stringOf(Object v) {
        return switch (v) {
            case String s -> s;
            case Boolean b -> b.toString();
            case Number n -> Json.number(n);
            case null, default -> "";
        };
    }
}
