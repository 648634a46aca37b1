package dev.locket.application.service.collection;

import dev.locket.application.port.in.collection.CollectionDraft.Defined;
import dev.locket.application.port.in.collection.CollectionDraft.FieldItem;
import dev.locket.application.port.in.collection.CollectionDraft.Part;
import dev.locket.application.port.in.collection.CollectionDraft.UnreadableField;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.IndexDefinition;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonShape;
import dev.locket.domain.types.DateTimes;
import dev.locket.domain.types.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns drafts into collections (collections-and-fields §10). A new collection starts from the type's
 * defaults and gets generated ids, the default fields and (auth) the unique indexes; a changed one is
 * the stored collection with the draft's parts on top. Parts a decoder could not read are reported
 * here, in PocketBase's binding order and after the checks upstream makes before binding. Nothing is
 * validated beyond that ({@link CollectionValidation}) and view fields are not inferred yet.
 */
final class CollectionDrafts {
    private final Clock clock;
    private final RandomGenerator random;
    private final CollectionSecrets secrets;

    CollectionDrafts(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        this.secrets = new CollectionSecrets(random);
    }

    /** A new collection from a draft: type defaults, default fields and indexes, generated ids. */
    Collection build(CollectionDraft draft, List<Collection> all, String message) {
        CollectionType type = requestedType(draft, message);
        String name = draft.name().orElse("");
        String now = DateTimes.format(clock.instant());
        String id = draft.id().filter(s -> !s.isEmpty()).orElseGet(() -> freeId(type, name, all));
        AuthOptions defaults = type == CollectionType.AUTH ? SystemCollections.defaultAuthOptions(random) : null;
        CollectionDraft sheet = CollectionDraft.of(Collection.of(type, "", name, false, List.of(),
                CollectionRules.locked(), List.of(), "", "", "", defaults)).overlay(draft);
        // A view's fields come from its query; whatever was submitted is ignored.
        List<FieldItem> fields = type == CollectionType.VIEW ? new ArrayList<>() : DraftFields.submitted(draft, message);
        DraftFields.addDefaults(type, fields);
        DraftFields.assignIds(fields);
        sheet = withFieldItems(sheet, fields);
        if (type == CollectionType.AUTH) {
            sheet = sheet.indexes(withAuthIndexes(sheet, id, name));
        }
        Collection collection = decode(sheet, type, id, false, now, now, message);
        if (collection instanceof AuthCollection auth) {
            collection = secrets.withSecrets(auth, defaults);
        }
        return collection;
    }

    /**
     * The stored collection with the draft on top; a submitted field list replaces the old one (default
     * fields it lacks are added back, as new fields). A type change is recorded in {@code errors}.
     */
    Collection merge(Collection stored, CollectionDraft draft, String message, Map<String, ErrorNode> errors) {
        CollectionDraft sheet = CollectionDraft.of(stored).overlay(draft);
        boolean typeChanged = draft.type().map(t -> t != stored.type()).orElse(false)
                || draft.unrecognisedType().isPresent();
        if (typeChanged) {
            errors.put("type", FieldError.of("validation_collection_type_change", "Collection type cannot be changed."));
        }
        if (stored.isView()) {
            // Inferred again from the (possibly new) query.
            sheet = withFieldItems(sheet, List.of());
        } else if (draft.has(Part.FIELDS)) {
            List<FieldItem> fields = DraftFields.submitted(draft, message);
            DraftFields.addDefaults(stored.type(), fields);
            DraftFields.assignIds(fields);
            sheet = withFieldItems(sheet, fields);
        }
        Collection changed = decode(sheet, stored.type(), stored.id(), stored.system(), stored.created(),
                DateTimes.format(clock.instant()), message);
        if (changed instanceof AuthCollection auth && stored instanceof AuthCollection old) {
            changed = secrets.withSecrets(auth, old.auth());
            if (!Objects.equals(auth.auth().authRule().raw(), old.auth().authRule().raw())) {
                // auth.md §1: a changed authRule invalidates every auth token of the collection.
                changed = secrets.withNewAuthSecret((AuthCollection) changed);
            }
        }
        return changed;
    }

    private static CollectionType requestedType(CollectionDraft draft, String message) {
        if (draft.type().isPresent()) {
            return draft.type().get();
        }
        if (draft.unrecognisedType().orElse("").isEmpty()) {
            return CollectionType.BASE;
        }
        throw ValidationFailed.of(message, "type", FieldError.of("validation_in_invalid", "Must be a valid value."));
    }

    private static String freeId(CollectionType type, String name, List<Collection> all) {
        String base = Ids.collectionId(type.wire(), name);
        String id = base;
        int suffix = 2;
        while (idTaken(id, all)) {
            id = base + suffix++;
        }
        return id;
    }

    static boolean idTaken(String id, List<Collection> all) {
        return all.stream().anyMatch(c -> c.id().equals(id));
    }

    /** The text indexes of the sheet plus the unique tokenKey and email indexes an auth collection needs. */
    private static List<String> withAuthIndexes(CollectionDraft sheet, String id, String name) {
        List<String> indexes = new ArrayList<>(sheet.indexes().orElse(sheet.readableIndexes()));
        for (String index : SystemCollections.authIndexes(id, name)) {
            String column = index.contains("`tokenKey`") ? "tokenKey" : "email";
            boolean has = indexes.stream().anyMatch(i -> IndexDefinition.parse(i).filter(ix -> ix.uniqueOn(column))
                    .isPresent());
            if (!has) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    private static CollectionDraft withFieldItems(CollectionDraft sheet, List<FieldItem> items) {
        CollectionDraft out = sheet.fields(List.of());
        for (FieldItem item : items) {
            out = switch (item) {
                case Defined d -> out.field(d.field());
                case UnreadableField u -> out.unreadableField(u);
            };
        }
        return out;
    }

    /**
     * The collection a complete sheet describes. The first part that could not be read, in PocketBase's
     * binding order, fails the whole body as upstream's binding does.
     */
    private static Collection decode(CollectionDraft sheet, CollectionType type, String id, boolean system,
                                     String created, String updated, String message) {
        List<FieldItem> items = sheet.fieldItems().orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof UnreadableField u) {
                ErrorNode item = new ErrorGroup(Map.of(u.key(), u.error()));
                throw ValidationFailed.of(JsonShape.BAD_FORMAT, "fields", new ErrorGroup(Map.of(String.valueOf(i), item)));
            }
        }
        for (Part part : Part.values()) {
            Optional<CollectionDraft.Unreadable> unreadable = part.appliesTo(type) ? sheet.unreadable(part)
                    : Optional.empty();
            if (unreadable.isPresent()) {
                throw ValidationFailed.of(JsonShape.BAD_FORMAT, unreadable.get().path().getFirst(),
                        unreadable.get().nested());
            }
        }
        try {
            List<Field> fields = items.stream().map(i -> ((Defined) i).field()).toList();
            CollectionRules rules = new CollectionRules(rule(sheet, Part.LIST_RULE), rule(sheet, Part.VIEW_RULE),
                    rule(sheet, Part.CREATE_RULE), rule(sheet, Part.UPDATE_RULE), rule(sheet, Part.DELETE_RULE));
            return Collection.of(type, id, sheet.name().orElseThrow(), system, fields, rules,
                    sheet.indexes().orElseThrow(), created, updated, sheet.viewQuery().orElse(""),
                    type == CollectionType.AUTH ? authOptions(sheet) : null);
        } catch (LocketException e) {
            throw e;
        } catch (RuntimeException e) {
            // Upstream appends the raw reason of a definition it cannot build to the message.
            throw new BadRequest(message.substring(0, message.length() - 1) + ": " + e.getMessage(), e);
        }
    }

    private static AuthOptions authOptions(CollectionDraft sheet) {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Part part : Part.values()) {
            if (part.isSection()) {
                extra.put(part.key(), sheet.section(part).orElseThrow());
            }
        }
        return new AuthOptions(rule(sheet, Part.AUTH_RULE), rule(sheet, Part.MANAGE_RULE),
                sheet.passwordAuth().orElseThrow(), sheet.token(Part.AUTH_TOKEN).orElseThrow(),
                sheet.token(Part.PASSWORD_RESET_TOKEN).orElseThrow(), sheet.token(Part.EMAIL_CHANGE_TOKEN).orElseThrow(),
                sheet.token(Part.VERIFICATION_TOKEN).orElseThrow(), sheet.token(Part.FILE_TOKEN).orElseThrow(), extra);
    }

    private static AccessRule rule(CollectionDraft sheet, Part part) {
        return sheet.rule(part).orElseThrow();
    }
}
