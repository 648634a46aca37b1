package dev.locket.domain.rule;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a field path ({@code author.team.name}, {@code comments_via_post.body}, {@code data.a.b}) one
 * segment at a time against the collection schema, for both executions of the language: what each segment
 * is, and every schema error (unknown or hidden field, too many hops, locked relations) with its position.
 * A modifier a field kind has no use for is dropped, not refused, as upstream's resolver drops it. The SQL translation turns a {@link Step} into joins, the evaluator into values.
 */
public final class PathBinder {
    /** Upstream allows six relation hops in one path. */
    private static final int MAX_RELATION_HOPS = 6;
    private static final Pattern BACK_RELATION = Pattern.compile("^(\\w+)_via_(\\w+)$");

    private final Function<String, Optional<Collection>> collections;
    private final boolean allowHidden;

    /** {@code allowHidden} for superusers and for rules (they may read hidden fields and locked relations). */
    public PathBinder(Function<String, Optional<Collection>> collections, boolean allowHidden) {
        this.collections = collections;
        this.allowHidden = allowHidden;
    }

    /** What the segment at {@code index} of a path is. */
    public sealed interface Step permits Leaf, Hop, Via, JsonPath, Missing {
    }

    /**
     * Under {@code @request} (relations of the auth record or of submitted ids) a field the collection lacks, or
     * a back-relation that doesn't point here, reads as NULL: upstream's resolver nullifies missing fields there.
     */
    public record Missing() implements Step {
    }

    /**
     * The last segment: a field ({@code null} for the implicit {@code id}) and the modifier that applies to it:
     * {@code lower}, {@code each} or {@code length} (the latter two only on select, relation and file fields),
     * else {@code ""}. Upstream (core/record_field_resolver_runner.go finalizeActivePropsProcessing) reads
     * {@code title:each}, {@code title:length}, {@code meta:each}, {@code title:isset} and {@code title:changed}
     * as the plain column, so they bind to it here too.
     */
    public record Leaf(Field field, String name, String modifier) implements Step {
    }

    /** Whether {@code :each} and {@code :length} apply to the field (upstream's MultiValuer fields). */
    public static boolean multiCapable(Field field) {
        return field instanceof SelectField || field instanceof RelationField || field instanceof FileField;
    }

    /**
     * A relation to follow into {@code target}. {@code storedIdOnly}: the next, last, segment is {@code id} of
     * a single relation, which upstream reads from the stored id without a join.
     */
    public record Hop(RelationField relation, Collection target, boolean storedIdOnly) implements Step {
    }

    /** A back-relation {@code <source>_via_<relation>}: rows of {@code source} pointing at this record. */
    public record Via(Collection source, RelationField relation) implements Step {
    }

    /**
     * Keys (and list indexes) inside a json or geoPoint field. Upstream strips the colon of a modifier and keeps
     * it in the key ({@code meta.a:lower} reads {@code $.alower}, core/record_field_resolver_runner.go
     * processActiveProps + inflector.Columnify), so a modifier never applies here.
     */
    public record JsonPath(Field field, List<String> segments) implements Step {
    }

    /** Whether a path segment has the {@code <collection>_via_<relation>} shape of a back-relation. */
    public static boolean isBackRelation(String segment) {
        return BACK_RELATION.matcher(segment).matches();
    }

    public Step step(Collection collection, Identifier id, int index, int hops) {
        String name = id.path().get(index);
        boolean last = index == id.path().size() - 1;
        Optional<Field> found = collection.field(name);
        if (found.isEmpty()) {
            Matcher via = BACK_RELATION.matcher(name);
            if (via.matches() && !last) {
                return via(collection, id, hops, via);
            }
            if (!name.equals("id") && underRequest(id)) {
                return new Missing();
            }
            if (!name.equals("id")) {
                throw new BadRequest("unknown field \"" + name + "\"", id.position());
            }
        }
        Field field = found.orElse(null);
        if (field != null && field.hidden() && !allowHidden) {
            throw new BadRequest("hidden field \"" + name + "\" cannot be filtered", id.position());
        }
        if (last) {
            return leaf(field, name, id);
        }
        if (field instanceof RelationField rel) {
            if (hops >= MAX_RELATION_HOPS) {
                throw new BadRequest("too many relation hops", id.position());
            }
            Collection target = related(rel.collectionId(), id);
            boolean nextIsLastId = index + 1 == id.path().size() - 1 && id.path().get(index + 1).equals("id")
                    && id.modifier().isEmpty();
            return new Hop(rel, target, nextIsLastId && !rel.multiple());
        }
        if (field instanceof JsonField || field instanceof GeoPointField) {
            return new JsonPath(field, jsonKeys(id, index + 1));
        }
        throw new BadRequest("\"" + name + "\" is not a relation field", id.position());
    }

    /** {@code @collection.<name>[:alias].…}: the joined collection. */
    public Collection collection(Identifier id) {
        if (id.path().size() < 3) {
            throw new BadRequest("@collection needs a collection and a field", id.position());
        }
        String name = id.path().get(1);
        Collection target = collections.apply(name)
                .orElseThrow(() -> new BadRequest("unknown collection \"" + name + "\"", id.position()));
        // upstream registerJoin: a superusers-only collection can't be joined by a non-superuser filter
        checkListAccess(target, id);
        return target;
    }

    /** The target of a relation, refused when a non-superuser may not list it. */
    public Collection related(String collectionId, Identifier id) {
        Collection target = collections.apply(collectionId)
                .orElseThrow(() -> new BadRequest("missing related collection", id.position()));
        checkListAccess(target, id);
        return target;
    }

    private static Leaf leaf(Field field, String name, Identifier id) {
        String modifier = switch (id.modifier()) {
            case "lower" -> "lower";
            case "each", "length" -> multiCapable(field) ? id.modifier() : "";
            default -> "";
        };
        return new Leaf(field, name, modifier);
    }

    /** The json keys from {@code from} on, a modifier glued to the last one as upstream's Columnify leaves it. */
    static List<String> jsonKeys(Identifier id, int from) {
        List<String> keys = new ArrayList<>();
        for (String key : id.path().subList(from, id.path().size())) {
            keys.add(key.replace(":", "")); // upstream columnifies each json key: "a:each" reads "$.aeach"
        }
        if (!id.modifier().isEmpty() && !keys.isEmpty()) {
            keys.set(keys.size() - 1, keys.get(keys.size() - 1) + id.modifier());
        }
        return keys;
    }

    private static boolean underRequest(Identifier id) {
        return id.head().equals("@request");
    }

    private Step via(Collection collection, Identifier id, int hops, Matcher via) {
        if (hops >= MAX_RELATION_HOPS) {
            throw new BadRequest("too many relation hops", id.position());
        }
        Optional<Collection> found = collections.apply(via.group(1));
        String relName = via.group(2);
        boolean pointsHere = found.isPresent() && found.get().field(relName).orElse(null) instanceof RelationField r
                && r.collectionId().equals(collection.id());
        if (!pointsHere && underRequest(id)) {
            return new Missing();
        }
        Collection source = found
                .orElseThrow(() -> new BadRequest("unknown collection \"" + via.group(1) + "\"", id.position()));
        if (!(source.field(relName).orElse(null) instanceof RelationField rel)
                || !rel.collectionId().equals(collection.id())) {
            throw new BadRequest("\"" + relName + "\" is not a relation to " + collection.name(), id.position());
        }
        if (rel.hidden() && !allowHidden) {
            throw new BadRequest("hidden field \"" + relName + "\" cannot be filtered", id.position());
        }
        checkListAccess(source, id);
        return new Via(source, rel);
    }

    private void checkListAccess(Collection target, Identifier id) {
        if (!allowHidden && target.rules().list() instanceof AccessRule.Locked) {
            throw new BadRequest("no list access to \"" + target.name() + "\"", id.position());
        }
    }
}
