package dev.locket.domain.rule;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.GeoPoint;
import dev.locket.domain.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a {@code @request.*} identifier against the request and the rule's collection, once, for both
 * executions of the language (the SQL translation and the in-memory evaluator): which area it reads, which
 * modifiers are allowed there, and what value it stands for. The executions only turn a {@link Bound} into
 * SQL or into a value.
 */
public final class RequestBinder {
    private RequestBinder() {
    }

    /** What a {@code @request.*} identifier stands for. */
    public sealed interface Bound permits Constant, Count, Items, Changed, Related, AuthRow, Unloaded {
    }

    /** A value known up front (also {@code :isset}, as 1/0). */
    public record Constant(BoundConstant constant) implements Bound {
    }

    /** {@code :length} of a submitted or auth value. */
    public record Count(long count) implements Bound {
    }

    /** {@code :each} over a submitted list: each item becomes a joined row, like upstream's json_each. */
    public record Items(List<?> items, String joinKey) implements Bound {
    }

    /**
     * {@code @request.body.f:changed}: shorthand for {@code @request.body.f:isset = true && @request.body.f != f}.
     * The executions resolve the stored field first, so a hidden field is refused whether or not it was sent.
     */
    public record Changed(String field, Object submitted, boolean wasSubmitted) implements Bound {
        public Identifier storedField(Identifier source) {
            return new Identifier(field, List.of(field), "", "", source.position());
        }
    }

    /**
     * Relation traversal from ids known up front (submitted body values, the auth record): the path continues
     * at segment 3 in {@code relation}'s target collection. {@code key} names the join.
     */
    public record Related(RelationField relation, List<String> ids, String key) implements Bound {
    }

    /**
     * A back-relation from the auth record ({@code @request.auth.<collection>_via_<relation>.…}): upstream joins
     * the auth record's row and walks the path from segment 2 in its collection. {@code key} names the join.
     */
    public record AuthRow(Collection collection, String id, String key) implements Bound {
    }

    /**
     * The auth record at hand lacks a value its collection has (a partial snapshot): only the store knows it.
     * {@code asNull} is what the identifier means when the value is empty.
     */
    public record Unloaded(Bound asNull) implements Bound {
    }

    public static Bound bind(Identifier id, Collection root, RequestInfo request) {
        List<String> path = id.path();
        if (path.size() < 2) {
            throw new BadRequest("incomplete @request identifier", id.position());
        }
        String area = path.get(1);
        return switch (area) {
            case "method", "context" -> {
                if (path.size() != 2) {
                    throw unknown(id);
                }
                yield plain(id, area.equals("method") ? request.method() : request.context(), true);
            }
            case "headers", "query" -> {
                if (path.size() < 3) {
                    throw unknown(id);
                }
                Map<String, String> map = area.equals("headers") ? request.headers() : request.query();
                // upstream reads deeper keys of a text value as a missing key: NULL, not an error
                boolean deeper = path.size() > 3;
                yield plain(id, deeper ? null : map.get(path.get(2)), !deeper && map.containsKey(path.get(2)));
            }
            case "body" -> body(id, root, request.body());
            case "auth" -> auth(id, request.auth());
            default -> throw unknown(id);
        };
    }

    private static Bound body(Identifier id, Collection root, Map<String, Object> body) {
        List<String> path = id.path();
        if (path.size() < 3) {
            throw new BadRequest("incomplete @request.body identifier", id.position());
        }
        String key = path.get(2);
        Object value = body.get(key);
        Optional<Field> field = root.field(key);
        if (id.modifier().equals("changed")) {
            if (path.size() != 3 || field.isEmpty()) {
                throw new BadRequest(":changed needs a field of the collection", id.position());
            }
            return new Changed(key, value, body.containsKey(key));
        }
        if (path.size() > 3 && field.isPresent() && field.get() instanceof RelationField rel) {
            return new Related(rel, ids(value), "@request.body." + key);
        }
        boolean listModifier = id.modifier().equals("each") || id.modifier().equals("length");
        if (listModifier && (path.size() > 3 || field.isEmpty() || !multiCapable(field.get()))) {
            // upstream: a field that isn't a select, relation or file "doesn't support multivalue operations",
            // and other submitted values take no :each/:length ("invalid modifier sequence")
            throw new BadRequest("modifier :" + id.modifier() + " needs a select, relation or file field",
                    id.position());
        }
        return nested(id, value, body.containsKey(key));
    }

    private static boolean multiCapable(Field field) {
        return new PathBinder.Leaf(field, field.name()).multiCapable();
    }

    private static Bound auth(Identifier id, Optional<Record> auth) {
        List<String> path = id.path();
        if (path.size() < 3) {
            throw new BadRequest("incomplete @request.auth identifier", id.position());
        }
        String key = path.get(2);
        if (auth.isEmpty()) {
            refuseWriteModifiers(id);
            // upstream resolves every @request.auth.* identifier to NULL without an auth record, :length too
            return new Constant(BoundConstant.of(null, false));
        }
        Record user = auth.get();
        if (path.size() > 3 && user.collection().field(key).isEmpty() && PathBinder.isBackRelation(key)) {
            return new AuthRow(user.collection(), user.id(), "@request.auth");
        }
        boolean tokenField = key.equals("collectionId") || key.equals("collectionName") || key.equals("id");
        Object value = switch (key) {
            case "collectionId" -> user.collection().id();
            case "collectionName" -> user.collection().name();
            case "id" -> user.id();
            default -> user.get(key);
        };
        Optional<Field> field = user.collection().field(key);
        if (path.size() > 3 && field.isPresent() && field.get() instanceof RelationField rel) {
            return new Related(rel, ids(value), "@request.auth." + key);
        }
        refuseWriteModifiers(id);
        // a field the auth record's collection lacks reads as NULL (the requester may come from another auth
        // collection than the rule's author had in mind), so the rule fails instead of erroring
        Bound bound = nested(id, value, true);
        return !tokenField && field.isPresent() && !user.values().containsKey(key) ? new Unloaded(bound) : bound;
    }

    private static void refuseWriteModifiers(Identifier id) {
        if (id.modifier().equals("isset") || id.modifier().equals("changed")) {
            throw new BadRequest("modifier :" + id.modifier() + " not allowed on @request.auth", id.position());
        }
    }

    /** A static value addressed deeper with dots (JSON objects, list indexes); applies the modifiers. */
    private static Bound nested(Identifier id, Object value, boolean present) {
        Object v = value;
        for (int i = 3; i < id.path().size(); i++) {
            String seg = id.path().get(i);
            if (v instanceof RawJson raw) {
                v = parseJson(raw.text());
            }
            if (v instanceof GeoPoint g) {
                v = BoundConstant.geoMap(g);
            }
            if (v instanceof Map<?, ?> m) {
                present = present && m.containsKey(seg);
                v = m.get(seg);
            } else if (v instanceof List<?> l && seg.chars().allMatch(Character::isDigit) && seg.length() < 9) {
                int n = Integer.parseInt(seg);
                present = present && n < l.size();
                v = n < l.size() ? l.get(n) : null;
            } else {
                present = false;
                v = null;
            }
        }
        return switch (id.modifier()) {
            case "length" -> new Count(v instanceof List<?> l ? l.size() : v == null || "".equals(v) ? 0 : 1);
            // a single (or absent) value is its own only item, as upstream's json_each over the value cast to a
            // list; rejecting it would turn a missing key into a 400
            case "each" -> v instanceof List<?> l
                    ? new Items(l, "@request:" + String.join(".", id.path()) + ":each")
                    : new Constant(BoundConstant.of(v, false));
            default -> plain(id, v, present);
        };
    }

    private static Bound plain(Identifier id, Object value, boolean present) {
        return switch (id.modifier()) {
            case "" -> new Constant(BoundConstant.of(value, false));
            case "lower" -> new Constant(BoundConstant.of(value, true));
            case "isset" -> new Constant(new BoundConstant(present ? 1L : 0L, present ? "1" : "0"));
            default -> throw new BadRequest("modifier :" + id.modifier() + " not allowed here", id.position());
        };
    }

    private static List<String> ids(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> list.add(String.valueOf(v)));
        } else if (value != null && !"".equals(value)) {
            list.add(String.valueOf(value));
        }
        return list;
    }

    private static Object parseJson(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BadRequest unknown(Identifier id) {
        return new BadRequest("unknown identifier \"" + id.source() + "\"", id.position());
    }
}
