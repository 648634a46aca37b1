package dev.locket.adapters.http.collection;

import dev.locket.application.port.in.collection.CollectionDraft.Part;
import dev.locket.application.port.in.collection.CollectionDraft.Unreadable;
import dev.locket.application.port.in.collection.CollectionDraft.UnreadableField;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptionsCodec;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.FieldCodec;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REST API's collection object (collections-and-fields §10): base keys in PocketBase's order, then
 * the type's settings flattened at top level, token and OAuth2 client secrets left out. Request bodies
 * are read into {@link CollectionDraft}s key by key; a key with an unreadable value is recorded in the
 * draft rather than thrown, so the use case reports it in PocketBase's order, after its access checks.
 */
final class CollectionJson {
    private CollectionJson() {
    }

    static Map<String, Object> write(Collection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        c.rules().write(out);
        out.put("name", c.name());
        out.put("type", c.type().wire());
        out.put("fields", FieldCodec.writeAll(c.fields()));
        out.put("indexes", new ArrayList<>(c.indexes()));
        out.put("created", c.created());
        out.put("updated", c.updated());
        out.put("system", c.system());
        switch (c) {
            case BaseCollection b -> {
            }
            case ViewCollection v -> out.put("viewQuery", v.viewQuery());
            case AuthCollection a -> out.putAll(withoutSecrets(AuthOptionsCodec.write(a.auth())));
        }
        return out;
    }

    /** The API never shows token secrets or OAuth2 client secrets, and always shows providers as an array. */
    private static Map<String, Object> withoutSecrets(Map<String, Object> options) {
        for (String key : AuthOptionsCodec.TOKEN_KEYS) {
            if (options.get(key) instanceof Map<?, ?> token) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("duration", token.get("duration"));
                options.put(key, m);
            }
        }
        if (options.get("oauth2") instanceof Map<?, ?> oauth2) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : oauth2.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, key.equals("providers") ? providersWithoutSecrets(e.getValue()) : e.getValue());
            }
            options.put("oauth2", out);
        }
        return options;
    }

    private static List<Object> providersWithoutSecrets(Object providers) {
        List<Object> out = new ArrayList<>();
        if (providers instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> pm) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    pm.forEach((k, v) -> {
                        if (!"clientSecret".equals(k)) {
                            copy.put(String.valueOf(k), v);
                        }
                    });
                    out.add(copy);
                } else {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * A request body (create, update, import item) as a draft of the keys it has. As PocketBase: a
     * {@code type} that is no collection type is kept as such, an {@code id} that is not text is ignored,
     * {@code null} gives a key's zero value, unknown keys are ignored.
     */
    static CollectionDraft readDraft(Map<String, Object> body) {
        CollectionDraft d = CollectionDraft.changes();
        if (body.containsKey("type")) {
            Object raw = body.get("type");
            Optional<CollectionType> type = raw instanceof String s ? CollectionType.fromWire(s) : Optional.empty();
            d = type.isPresent() ? d.type(type.get()) : d.unrecognisedType(raw instanceof String s ? s : "");
        }
        if (body.get("id") instanceof String id) {
            d = d.id(id);
        }
        for (Part part : Part.values()) {
            if (body.containsKey(part.key())) {
                d = readPart(d, part, body.get(part.key()));
            }
        }
        return d;
    }

    private static CollectionDraft readPart(CollectionDraft d, Part part, Object raw) {
        try {
            return switch (part) {
                case FIELDS -> readFields(d, raw);
                case INDEXES -> readIndexes(d, raw);
                case NAME -> d.name(text(raw, part));
                case VIEW_QUERY -> d.viewQuery(text(raw, part));
                case PASSWORD_AUTH -> d.passwordAuth(AuthOptionsCodec.passwordAuth(raw));
                default -> {
                    if (part.isRule()) {
                        yield d.rule(part, AccessRule.of(raw == null ? null : text(raw, part)));
                    }
                    if (part.isToken()) {
                        yield d.token(part, AuthOptionsCodec.token(part.key(), raw));
                    }
                    Map<?, ?> section = (Map<?, ?>) AuthOptionsCodec.completeSection(part.key(), raw);
                    yield d.section(part, JsonObject.of(section));
                }
            };
        } catch (JsonShape.Mismatch e) {
            return d.unreadable(part, new Unreadable(e.path(), e.error()));
        }
    }

    private static String text(Object raw, Part part) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof String s) {
            return s;
        }
        throw new JsonShape.Mismatch(part.key());
    }

    private static CollectionDraft readIndexes(CollectionDraft d, Object raw) {
        try {
            return d.indexes(JsonShape.strings(raw, Part.INDEXES.key()));
        } catch (JsonShape.Mismatch e) {
            List<String> readable = new ArrayList<>();
            if (raw instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(readable::add);
            }
            return d.unreadableIndexes(new Unreadable(e.path(), e.error()), readable);
        }
    }

    /**
     * The field list. PocketBase generates the id of a field whose id is not text, so such an id reads as
     * missing; a field object that cannot be read keeps its place in the list.
     */
    private static CollectionDraft readFields(CollectionDraft d, Object raw) {
        if (raw == null) {
            return d.fields(List.of());
        }
        FieldError unsupported = FieldError.of("validation_unsupported_value_type", "Invalid or unsupported value type.");
        if (!(raw instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof Map<?, ?>))) {
            return d.unreadable(Part.FIELDS, new Unreadable(List.of(Part.FIELDS.key()), unsupported));
        }
        CollectionDraft out = d.fields(List.of());
        for (Object item : list) {
            Map<String, Object> m = JsonShape.stringKeys((Map<?, ?>) item);
            String id = m.get("id") instanceof String s ? s : "";
            m.put("id", id);
            try {
                out = out.field(FieldCodec.read(m));
            } catch (JsonShape.Mismatch e) {
                out = out.unreadableField(new UnreadableField(id, m.get("name") instanceof String n ? n : null,
                        m.get("type") instanceof String t ? t : "", e.path().getFirst(), e.error()));
            }
        }
        return out;
    }
}
