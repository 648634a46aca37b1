package dev.locket.application.port.in.collection;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.AuthOptionsCodec;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.field.Field;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller asks a collection to be, built from the sealed field records. Immutable: every call
 * returns a new draft. Parts left unset keep the stored value on update and take PocketBase's defaults
 * for the type on create (locked rules, the {@code id} field, the auth fields, indexes and secrets).
 *
 * <pre>{@code
 * CollectionDraft posts = CollectionDraft.base("posts")
 *         .field(new TextField(FieldMeta.named("title"), true, 0, 200, "", "", false))
 *         .field(new BoolField(FieldMeta.named("published"), false))
 *         .listRule("published = true")
 *         .index("CREATE INDEX idx_posts_title ON posts (title)");
 * collections.create(posts, RequestInfo.system());
 * collections.update("posts", CollectionDraft.changes().viewRule(""), RequestInfo.system());
 * }</pre>
 *
 * <p>Decoders of untrusted input (the REST adapter) may also record parts they could not read
 * ({@link #unreadable}); the use case reports them where PocketBase's body binding would, after its
 * access checks and lookups, so the errors and their order match the reference API.
 */
public final class CollectionDraft {

    /** The settable parts, in the order PocketBase binds (and so reports) them. */
    public enum Part {
        FIELDS("fields"), INDEXES("indexes"), NAME("name"),
        LIST_RULE("listRule"), VIEW_RULE("viewRule"), CREATE_RULE("createRule"), UPDATE_RULE("updateRule"),
        DELETE_RULE("deleteRule"),
        VIEW_QUERY("viewQuery"),
        AUTH_RULE("authRule"), MANAGE_RULE("manageRule"), PASSWORD_AUTH("passwordAuth"),
        AUTH_TOKEN("authToken"), PASSWORD_RESET_TOKEN("passwordResetToken"), EMAIL_CHANGE_TOKEN("emailChangeToken"),
        VERIFICATION_TOKEN("verificationToken"), FILE_TOKEN("fileToken"),
        AUTH_ALERT("authAlert"), OAUTH2("oauth2"), MFA("mfa"), OTP("otp"),
        VERIFICATION_TEMPLATE("verificationTemplate"), RESET_PASSWORD_TEMPLATE("resetPasswordTemplate"),
        CONFIRM_EMAIL_CHANGE_TEMPLATE("confirmEmailChangeTemplate");

        private final String key;

        Part(String key) {
            this.key = key;
        }

        /** The key in the REST API (and in the stored auth options). */
        public String key() {
            return key;
        }

        /** Whether a collection of {@code type} has this part. */
        public boolean appliesTo(CollectionType type) {
            if (this == VIEW_QUERY) {
                return type == CollectionType.VIEW;
            }
            return compareTo(AUTH_RULE) < 0 || type == CollectionType.AUTH;
        }

        public boolean isRule() {
            return this == LIST_RULE || this == VIEW_RULE || this == CREATE_RULE || this == UPDATE_RULE
                    || this == DELETE_RULE || this == AUTH_RULE || this == MANAGE_RULE;
        }

        public boolean isToken() {
            return compareTo(AUTH_TOKEN) >= 0 && compareTo(FILE_TOKEN) <= 0;
        }

        /** One of the JSON-shaped auth sections kept in {@code AuthOptions.extra()}. */
        public boolean isSection() {
            return compareTo(AUTH_ALERT) >= 0;
        }
    }

    /** A part a decoder could not read: the error at its path, the first key being the part's. */
    public record Unreadable(List<String> path, FieldError error) {
        public Unreadable {
            path = List.copyOf(path);
            Objects.requireNonNull(error);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("an unreadable part needs its key");
            }
        }

        /** The error nested under every key of the path but the first. */
        public ErrorNode nested() {
            ErrorNode node = error;
            for (int i = path.size() - 1; i > 0; i--) {
                node = new ErrorGroup(Map.of(path.get(i), node));
            }
            return node;
        }
    }

    /** One item of the submitted field list. */
    public sealed interface FieldItem permits Defined, UnreadableField {
    }

    /** A field definition. */
    public record Defined(Field field) implements FieldItem {
        public Defined {
            Objects.requireNonNull(field);
        }
    }

    /**
     * A field object a decoder could not read, kept in place with what it could read of its {@code id},
     * {@code name} (null when not text) and {@code type}, which id assignment and default fields look at
     * before PocketBase reports {@code fields.<index>.<key>}.
     */
    public record UnreadableField(String id, String name, String type, String key, FieldError error)
            implements FieldItem {
        public UnreadableField {
            id = id == null ? "" : id;
            type = type == null ? "" : type;
            Objects.requireNonNull(key);
            Objects.requireNonNull(error);
        }
    }

    private final CollectionType type;
    private final String unrecognisedType;
    private final String id;
    private final EnumMap<Part, Object> parts;
    private final List<String> readableIndexes;

    private CollectionDraft(CollectionType type, String unrecognisedType, String id, EnumMap<Part, Object> parts,
                            List<String> readableIndexes) {
        this.type = type;
        this.unrecognisedType = unrecognisedType;
        this.id = id;
        this.parts = parts;
        this.readableIndexes = readableIndexes;
    }

    /** Nothing set: an update that changes only what is set afterwards. */
    public static CollectionDraft changes() {
        return new CollectionDraft(null, null, null, new EnumMap<>(Part.class), List.of());
    }

    public static CollectionDraft base(String name) {
        return changes().type(CollectionType.BASE).name(name);
    }

    public static CollectionDraft auth(String name) {
        return changes().type(CollectionType.AUTH).name(name);
    }

    /** A view: its fields are inferred from {@code query} on save. */
    public static CollectionDraft view(String name, String query) {
        return changes().type(CollectionType.VIEW).name(name).viewQuery(query);
    }

    /**
     * Every part of {@code c} set to its value, as PocketBase binds a collection it loaded: auth sections
     * completed with the defaults. A starting point to change a copy of a collection.
     */
    public static CollectionDraft of(Collection c) {
        CollectionDraft d = changes().type(c.type()).id(c.id()).name(c.name()).fields(c.fields())
                .indexes(c.indexes()).rules(c.rules());
        return switch (c) {
            case BaseCollection b -> d;
            case ViewCollection v -> d.viewQuery(v.viewQuery());
            case AuthCollection a -> withAuthOptions(d, a.auth());
        };
    }

    private static CollectionDraft withAuthOptions(CollectionDraft d, AuthOptions o) {
        CollectionDraft out = d.rule(Part.AUTH_RULE, o.authRule()).rule(Part.MANAGE_RULE, o.manageRule())
                .passwordAuth(o.passwordAuth());
        for (Part p : Part.values()) {
            if (p.isToken()) {
                out = out.token(p, AuthOptionsCodec.token(o, p.key()));
            } else if (p.isSection()) {
                try {
                    out = out.with(p, AuthOptionsCodec.completeSection(p.key(), o.extra().get(p.key())));
                } catch (JsonShape.Mismatch e) {
                    out = out.unreadable(p, new Unreadable(e.path(), e.error()));
                }
            }
        }
        return out;
    }

    /** This draft with every part {@code top} sets (readable or not) replacing this one's; type and id stay. */
    public CollectionDraft overlay(CollectionDraft top) {
        EnumMap<Part, Object> copy = new EnumMap<>(parts);
        copy.putAll(top.parts);
        return new CollectionDraft(type, unrecognisedType, id, copy,
                top.has(Part.INDEXES) ? top.readableIndexes : readableIndexes);
    }

    // ---------------------------------------------------------------- setters

    public CollectionDraft type(CollectionType newType) {
        return new CollectionDraft(Objects.requireNonNull(newType), null, id, parts, readableIndexes);
    }

    /** The id of a new collection (generated from type and name when unset); ignored on update. */
    public CollectionDraft id(String newId) {
        return new CollectionDraft(type, unrecognisedType, Objects.requireNonNull(newId), parts, readableIndexes);
    }

    public CollectionDraft name(String name) {
        return with(Part.NAME, Objects.requireNonNull(name));
    }

    /**
     * Appends a field to the draft's list. A set list replaces the stored one on update, as PocketBase's
     * PATCH does: to add a field to a stored collection, start from {@link #of} it.
     */
    public CollectionDraft field(Field field) {
        List<FieldItem> items = new ArrayList<>(fieldItems().orElse(List.of()));
        items.add(new Defined(field));
        return with(Part.FIELDS, List.copyOf(items));
    }

    /** Sets the whole field list; the type's default fields ({@code id}, the auth fields) are added on save. */
    public CollectionDraft fields(List<? extends Field> fields) {
        return with(Part.FIELDS, fields.stream().<FieldItem>map(Defined::new).toList());
    }

    public CollectionDraft fields(Field... fields) {
        return fields(List.of(fields));
    }

    /** Appends a {@code CREATE [UNIQUE] INDEX} statement. */
    public CollectionDraft index(String createIndex) {
        List<String> items = new ArrayList<>(indexes().orElse(List.of()));
        items.add(Objects.requireNonNull(createIndex));
        return with(Part.INDEXES, List.copyOf(items));
    }

    public CollectionDraft indexes(List<String> createIndexes) {
        return with(Part.INDEXES, List.copyOf(createIndexes));
    }

    /** {@code null}: superusers only; {@code ""}: everyone; otherwise a filter the request must pass. */
    public CollectionDraft listRule(String rule) {
        return with(Part.LIST_RULE, AccessRule.of(rule));
    }

    public CollectionDraft viewRule(String rule) {
        return with(Part.VIEW_RULE, AccessRule.of(rule));
    }

    public CollectionDraft createRule(String rule) {
        return with(Part.CREATE_RULE, AccessRule.of(rule));
    }

    public CollectionDraft updateRule(String rule) {
        return with(Part.UPDATE_RULE, AccessRule.of(rule));
    }

    public CollectionDraft deleteRule(String rule) {
        return with(Part.DELETE_RULE, AccessRule.of(rule));
    }

    /** All five record rules at once. */
    public CollectionDraft rules(CollectionRules rules) {
        return rule(Part.LIST_RULE, rules.list()).rule(Part.VIEW_RULE, rules.view())
                .rule(Part.CREATE_RULE, rules.create()).rule(Part.UPDATE_RULE, rules.update())
                .rule(Part.DELETE_RULE, rules.delete());
    }

    /** Auth collections: who may authenticate (same forms as {@link #listRule}). */
    public CollectionDraft authRule(String rule) {
        return with(Part.AUTH_RULE, AccessRule.of(rule));
    }

    /** Auth collections: who may manage other users' records (same forms as {@link #listRule}). */
    public CollectionDraft manageRule(String rule) {
        return with(Part.MANAGE_RULE, AccessRule.of(rule));
    }

    /** Any rule part ({@link Part#isRule()}). */
    public CollectionDraft rule(Part part, AccessRule rule) {
        require(part.isRule(), part);
        return with(part, Objects.requireNonNull(rule));
    }

    public CollectionDraft viewQuery(String query) {
        return with(Part.VIEW_QUERY, Objects.requireNonNull(query));
    }

    public CollectionDraft passwordAuth(PasswordAuth passwordAuth) {
        return with(Part.PASSWORD_AUTH, Objects.requireNonNull(passwordAuth));
    }

    /** A token setting ({@link Part#isToken()}); an empty secret keeps the stored one (or gets a fresh one). */
    public CollectionDraft token(Part part, TokenConfig config) {
        require(part.isToken(), part);
        return with(part, Objects.requireNonNull(config));
    }

    /**
     * An auth section ({@link Part#isSection()}: OAuth2, MFA, OTP, alert, mail templates) as PocketBase's
     * JSON object, laid over the defaults as PocketBase binds it ({@code null} gives the defaults). These
     * stay JSON-shaped, as in {@code AuthOptions.extra()}, until the auth flows type them.
     *
     * @throws IllegalArgumentException when OAuth2 providers are not a list of objects
     */
    public CollectionDraft section(Part part, JsonObject json) {
        require(part.isSection(), part);
        try {
            return with(part, AuthOptionsCodec.completeSection(part.key(), json == null ? null : json.asMap()));
        } catch (JsonShape.Mismatch e) {
            throw new IllegalArgumentException("malformed " + String.join(".", e.path()), e);
        }
    }

    // ---------------------------------------------------------------- for decoders of untrusted input

    /** A {@code type} that names no collection type ({@code ""} when it was not even text). */
    public CollectionDraft unrecognisedType(String raw) {
        return new CollectionDraft(null, Objects.requireNonNull(raw), id, parts, readableIndexes);
    }

    /** A part that could not be read, reported by the use case if the collection's type has the part. */
    public CollectionDraft unreadable(Part part, Unreadable problem) {
        if (!problem.path().getFirst().equals(part.key())) {
            throw new IllegalArgumentException("the path of " + problem + " does not start at " + part.key());
        }
        return with(part, problem);
    }

    /** Unreadable indexes, with the text items that could be read (auth collections keep those). */
    public CollectionDraft unreadableIndexes(Unreadable problem, List<String> readable) {
        CollectionDraft d = unreadable(Part.INDEXES, problem);
        return new CollectionDraft(d.type, d.unrecognisedType, d.id, d.parts, List.copyOf(readable));
    }

    /** Appends a field object that could not be read, in its place in the list. */
    public CollectionDraft unreadableField(UnreadableField item) {
        List<FieldItem> items = new ArrayList<>(fieldItems().orElse(List.of()));
        items.add(item);
        return with(Part.FIELDS, List.copyOf(items));
    }

    // ---------------------------------------------------------------- reading

    public Optional<CollectionType> type() {
        return Optional.ofNullable(type);
    }

    public Optional<String> unrecognisedType() {
        return Optional.ofNullable(unrecognisedType);
    }

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** Whether the part was set, readable or not. */
    public boolean has(Part part) {
        return parts.containsKey(part);
    }

    public Optional<Unreadable> unreadable(Part part) {
        return parts.get(part) instanceof Unreadable u ? Optional.of(u) : Optional.empty();
    }

    public Optional<String> name() {
        return readable(Part.NAME, String.class);
    }

    @SuppressWarnings("unchecked")
    public Optional<List<FieldItem>> fieldItems() {
        return readable(Part.FIELDS, List.class).map(l -> (List<FieldItem>) l);
    }

    @SuppressWarnings("unchecked")
    public Optional<List<String>> indexes() {
        return readable(Part.INDEXES, List.class).map(l -> (List<String>) l);
    }

    /** The text items of unreadable indexes (empty otherwise). */
    public List<String> readableIndexes() {
        return readableIndexes;
    }

    public Optional<AccessRule> rule(Part part) {
        require(part.isRule(), part);
        return readable(part, AccessRule.class);
    }

    public Optional<String> viewQuery() {
        return readable(Part.VIEW_QUERY, String.class);
    }

    public Optional<PasswordAuth> passwordAuth() {
        return readable(Part.PASSWORD_AUTH, PasswordAuth.class);
    }

    public Optional<TokenConfig> token(Part part) {
        require(part.isToken(), part);
        return readable(part, TokenConfig.class);
    }

    /** The section's JSON object, completed with the defaults. */
    public Optional<Object> section(Part part) {
        require(part.isSection(), part);
        return readable(part, Map.class).map(m -> m);
    }

    // ---------------------------------------------------------------- value object

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionDraft d && type == d.type && Objects.equals(unrecognisedType, d.unrecognisedType)
                && Objects.equals(id, d.id) && parts.equals(d.parts) && readableIndexes.equals(d.readableIndexes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, unrecognisedType, id, parts, readableIndexes);
    }

    @Override
    public String toString() {
        return "CollectionDraft[type=" + (type != null ? type : unrecognisedType) + ", id=" + id + ", " + parts + "]";
    }

    private CollectionDraft with(Part part, Object value) {
        EnumMap<Part, Object> copy = new EnumMap<>(parts);
        copy.put(part, value);
        return new CollectionDraft(type, unrecognisedType, id, copy, part == Part.INDEXES ? List.of() : readableIndexes);
    }

    private <T> Optional<T> readable(Part part, Class<T> kind) {
        Object v = parts.get(part);
        return kind.isInstance(v) ? Optional.of(kind.cast(v)) : Optional.empty();
    }

    private static void require(boolean ok, Part part) {
        if (!ok) {
            throw new IllegalArgumentException("not allowed for " + part + ": " + part.key());
        }
    }
}
