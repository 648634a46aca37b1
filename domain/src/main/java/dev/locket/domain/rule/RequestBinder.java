package dev.locket.domain.rule;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.filter.Identifier;
import dev.locket.domain.json.GoFloats;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.record.Record;
import dev.locket.domain.types.GeoPoint;
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

    /**
     * A value known up front (also {@code :isset}, as 1/0). Not {@code visible}: a value the caller may not
     * compare against (an auth email its owner keeps hidden), so every comparison with it is false.
     */
    public record Constant(BoundConstant constant, boolean visible) implements Bound {
        public Constant(BoundConstant constant) {
            this(constant, true);
        }
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

    /** {@code allowHidden}: a rule, or a superuser's filter (upstream's allowHiddenFields). */
    public static Bound bind(Identifier id, Collection root, RequestInfo request, boolean allowHidden) {
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
            case "auth" -> auth(id, request.auth(), allowHidden);
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
        if (path.size() == 3 && field.isPresent() && id.modifier().equals("lower")) {
            return lowerSubmitted(value);
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
        return PathBinder.multiCapable(field);
    }

    /**
     * {@code @request.body.<field>:lower} lowers the submitted value as Go's cast.ToString spells it: absent is
     * {@code ''} (so {@code !~} holds), lists and objects are {@code ''} too, numbers print without a trailing
     * {@code .0} (core/record_field_resolver_runner.go processRequestBodyLowerModifier).
     */
    private static Bound lowerSubmitted(Object value) {
        return new Constant(BoundConstant.of(castToString(value), true));
    }

    private static String castToString(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Boolean b -> b.toString();
            case Double d -> GoFloats.plain(d);
            case Float f -> GoFloats.plain(f);
            case Number n -> n.toString();
            case RawJson j -> castToString(parseJson(j.text()));
            default -> "";
        };
    }

    /**
     * Upstream (core/record_field_resolver_runner.go processRequestAuthField): without an auth record every
     * {@code @request.auth.*} is NULL, whatever its modifier; the bare {@code id}, {@code collectionId} and
     * {@code collectionName} are the token's values (upstream's plainRequestAuthFields, where {@code email},
     * {@code emailVisibility} and {@code verified} read the same as their columns); anything else is read from
     * the auth record's row like a field of the rule's own collection: a modifier the field has no use for is
     * dropped, a field the collection lacks is NULL, and only relation, json and geoPoint fields can be walked
     * further.
     */
    private static Bound auth(Identifier id, Optional<Record> auth, boolean allowHidden) {
        List<String> path = id.path();
        if (path.size() < 3) {
            throw new BadRequest("incomplete @request.auth identifier", id.position());
        }
        String key = path.get(2);
        if (auth.isEmpty()) {
            return new Constant(BoundConstant.of(null, false));
        }
        Record user = auth.get();
        Collection collection = user.collection();
        if (path.size() > 3 && collection.field(key).isEmpty() && PathBinder.isBackRelation(key)) {
            return new AuthRow(collection, user.id(), "@request.auth");
        }
        boolean tokenField = key.equals("collectionId") || key.equals("collectionName") || key.equals("id");
        if (path.size() == 3 && id.modifier().isEmpty() && tokenField) {
            return new Constant(BoundConstant.of(tokenValue(user, key), false));
        }
        Optional<Field> field = collection.field(key);
        if (field.isEmpty() && !key.equals("id")) {
            return new Constant(BoundConstant.of(null, false));
        }
        Object value = key.equals("id") ? user.id() : user.get(key);
        if (path.size() > 3) {
            Field f = field.orElse(null);
            if (f instanceof RelationField rel) {
                return new Related(rel, ids(value), "@request.auth." + key);
            }
            if (!(f instanceof JsonField || f instanceof GeoPointField)) {
                throw new BadRequest("\"" + key + "\" is not a relation field", id.position());
            }
        }
        String modifier = switch (id.modifier()) {
            case "lower" -> "lower";
            case "each", "length" -> path.size() == 3 && field.map(RequestBinder::multiCapable).orElse(false)
                    ? id.modifier() : "";
            default -> "";
        };
        Bound bound = path.size() > 3
                ? jsonValue(value, PathBinder.jsonKeys(id, 3))
                : nested(id, modifier, value, true);
        // only the bare @request.auth.email is read from the token as is; with a modifier upstream joins the
        // auth row like any record and a client filter then sees the email only where emailVisibility is on
        if (key.equals("email") && !id.modifier().isEmpty() && !allowHidden && collection.isAuth()
                && !Boolean.TRUE.equals(user.get("emailVisibility")) && bound instanceof Constant c) {
            bound = new Constant(c.constant(), false);
        }
        return field.isPresent() && !key.equals("id") && !user.values().containsKey(key) ? new Unloaded(bound) : bound;
    }

    private static Object tokenValue(Record user, String key) {
        return switch (key) {
            case "collectionId" -> user.collection().id();
            case "collectionName" -> user.collection().name();
            case "id" -> user.id();
            default -> user.get(key);
        };
    }

    /** A json or geoPoint value of the auth record addressed by keys (upstream's json_extract over the column). */
    private static Bound jsonValue(Object value, List<String> keys) {
        return new Constant(BoundConstant.of(walk(value, keys, new boolean[] {true}), false));
    }

    /** A static value addressed deeper with dots (JSON objects, list indexes); applies the modifiers. */
    private static Bound nested(Identifier id, Object value, boolean present) {
        return nested(id, id.modifier(), value, present);
    }

    private static Bound nested(Identifier id, String modifier, Object value, boolean present) {
        boolean[] found = {present};
        Object v = walk(value, id.path().subList(3, id.path().size()), found);
        present = found[0];
        return switch (modifier) {
            case "length" -> new Count(v instanceof List<?> l ? l.size() : v == null || "".equals(v) ? 0 : 1);
            // a single (or absent) value is its own only item, as upstream's json_each over the value cast to a
            // list; rejecting it would turn a missing key into a 400
            case "each" -> v instanceof List<?> l
                    ? new Items(l, "@request:" + String.join(".", id.path()) + ":each")
                    : new Constant(BoundConstant.of(v, false));
            default -> plain(id, modifier, v, present);
        };
    }

    private static Bound plain(Identifier id, Object value, boolean present) {
        return plain(id, id.modifier(), value, present);
    }

    private static Bound plain(Identifier id, String modifier, Object value, boolean present) {
        return switch (modifier) {
            case "" -> new Constant(BoundConstant.of(value, false));
            case "lower" -> new Constant(BoundConstant.of(value, true));
            case "isset" -> new Constant(new BoundConstant(present ? 1L : 0L, present ? "1" : "0"));
            default -> throw new BadRequest("modifier :" + modifier + " not allowed here", id.position());
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

    /** Walks json keys and list indexes into a value; {@code present[0]} turns false once a key is missing. */
    private static Object walk(Object value, List<String> keys, boolean[] present) {
        Object v = value;
        for (String seg : keys) {
            if (v instanceof RawJson raw) {
                v = parseJson(raw.text());
            }
            if (v instanceof GeoPoint g) {
                v = BoundConstant.geoMap(g);
            }
            if (v instanceof Map<?, ?> m) {
                present[0] = present[0] && m.containsKey(seg);
                v = m.get(seg);
            } else if (v instanceof List<?> l && seg.chars().allMatch(Character::isDigit) && seg.length() < 9) {
                int n = Integer.parseInt(seg);
                present[0] = present[0] && n < l.size();
                v = n < l.size() ? l.get(n) : null;
            } else {
                present[0] = false;
                v = null;
            }
        }
        return v;
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
