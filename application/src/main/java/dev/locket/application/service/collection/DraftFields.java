package dev.locket.application.service.collection;

import dev.locket.application.port.in.collection.CollectionDraft.Defined;
import dev.locket.application.port.in.collection.CollectionDraft.FieldItem;
import dev.locket.application.port.in.collection.CollectionDraft.Part;
import dev.locket.application.port.in.collection.CollectionDraft.UnreadableField;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.types.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A submitted field list on its way into a collection: the type's default fields it lacks, and
 * PocketBase's generated field ids. Items a decoder could not read keep their place, so the error
 * reported later names the same position as upstream's.
 */
final class DraftFields {
    private DraftFields() {
    }

    /**
     * The draft's field list as a working copy, empty when unset.
     *
     * @throws ValidationFailed with the use case's {@code message} when the list itself was unreadable
     */
    static List<FieldItem> submitted(CollectionDraft draft, String message) {
        Optional<CollectionDraft.Unreadable> unreadable = draft.unreadable(Part.FIELDS);
        if (unreadable.isPresent()) {
            throw ValidationFailed.of(message, "fields", unreadable.get().error());
        }
        return new ArrayList<>(draft.fieldItems().orElse(List.of()));
    }

    /**
     * Upstream's default fields of the type (id; the auth fields): one the list lacks by name is added (id first,
     * the others after the submitted fields); one it has with the default's type keeps its options but gets the
     * system flags the default must have (a submitted {@code tokenKey} stays required, an {@code id} stays the
     * primary key). A same-named field of another type is left for validation to refuse.
     */
    static void addDefaults(CollectionType type, List<FieldItem> items) {
        if (type == CollectionType.VIEW) {
            return;
        }
        List<Field> required = type == CollectionType.AUTH ? SystemCollections.authDefaultFields()
                : List.of(SystemCollections.idField());
        for (Field f : required) {
            int at = -1;
            for (int i = 0; i < items.size() && at < 0; i++) {
                if (f.name().equals(name(items.get(i)))) {
                    at = i;
                }
            }
            if (at < 0) {
                items.add(f.name().equals("id") ? 0 : items.size(), new Defined(f));
            } else if (items.get(at) instanceof Defined d && d.field().type().equals(f.type())) {
                items.set(at, new Defined(withSystemDefaults(d.field())));
            }
        }
    }

    private static Field withSystemDefaults(Field f) {
        FieldMeta m = f.meta();
        boolean hidden = switch (f.name()) {
            case "password", "tokenKey" -> true;
            case "id", "email" -> false; // email visibility is the emailVisibility flag's business
            default -> m.hidden();
        };
        Field flagged = f.withMeta(new FieldMeta(m.id(), m.name(), true, hidden, m.presentable(), m.help()));
        return switch (flagged) {
            case TextField t when t.name().equals("id") -> new TextField(t.meta(), true, t.min(), t.max(),
                    t.pattern().isEmpty() ? SystemCollections.ID_PATTERN : t.pattern(), t.autogeneratePattern(), true);
            case TextField t when t.name().equals("tokenKey") -> new TextField(t.meta(), true, t.min(), t.max(),
                    t.pattern(), t.autogeneratePattern(), t.primaryKey());
            case PasswordField p -> new PasswordField(p.meta(), true, p.min(), p.max(), p.pattern(), p.cost());
            default -> flagged;
        };
    }

    /**
     * Field ids: missing ones become {@code type + crc32(name)} (suffixed on collision); an id-less
     * field named like an earlier field of the same list replaces it in place and takes its id.
     */
    static void assignIds(List<FieldItem> items) {
        for (int i = 0; i < items.size(); i++) {
            FieldItem item = items.get(i);
            if (!id(item).isEmpty()) {
                continue;
            }
            String name = name(item) == null ? "" : name(item);
            boolean replaced = false;
            for (int j = 0; j < i; j++) {
                if (name.equals(name(items.get(j)))) {
                    items.set(j, withId(item, id(items.get(j))));
                    items.remove(i);
                    i--;
                    replaced = true;
                    break;
                }
            }
            if (replaced) {
                continue;
            }
            String base = Ids.fieldId(type(item), name);
            String id = base;
            int suffix = 2;
            while (idUsed(items, id)) {
                id = base + suffix++;
            }
            items.set(i, withId(item, id));
        }
    }

    private static boolean idUsed(List<FieldItem> items, String id) {
        return items.stream().anyMatch(i -> id.equals(id(i)));
    }

    private static String id(FieldItem item) {
        return switch (item) {
            case Defined d -> d.field().id();
            case UnreadableField u -> u.id();
        };
    }

    /** The name as submitted; null when it was not text (it then matches no other name). */
    private static String name(FieldItem item) {
        return switch (item) {
            case Defined d -> d.field().name();
            case UnreadableField u -> u.name();
        };
    }

    private static String type(FieldItem item) {
        return switch (item) {
            case Defined d -> d.field().type();
            case UnreadableField u -> u.type();
        };
    }

    private static FieldItem withId(FieldItem item, String id) {
        return switch (item) {
            case Defined d -> new Defined(d.field().withMeta(d.field().meta().withId(id)));
            case UnreadableField u -> new UnreadableField(id, u.name(), u.type(), u.key(), u.error());
        };
    }
}
