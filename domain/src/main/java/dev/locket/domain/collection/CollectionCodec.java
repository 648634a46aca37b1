package dev.locket.domain.collection;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.EditorField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.field.UrlField;
import dev.locket.domain.json.Json;
import dev.locket.domain.record.DateTimes;
import dev.locket.domain.rule.AccessRule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts collections to and from JSON-shaped maps: the {@code _collections} row shape (options
 * nested, secrets included) and the REST API shape (options flattened, secrets omitted).
 */
public final class CollectionCodec {
    /** PocketBase's answer when a body cannot be bound to a collection. */
    public static final String BAD_FORMAT = "Failed to load the submitted data due to invalid formatting.";

    /** The auth option keys in the order PocketBase writes them. */
    static final List<String> AUTH_OPTION_KEYS = List.of("authRule", "manageRule", "authAlert", "oauth2",
            "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken",
            "verificationToken", "fileToken", "verificationTemplate", "resetPasswordTemplate",
            "confirmEmailChangeTemplate");

    /** The untyped auth options kept verbatim in {@link AuthOptions#extra()}. */
    static final List<String> EXTRA_KEYS = List.of("authAlert", "oauth2", "mfa", "otp", "verificationTemplate",
            "resetPasswordTemplate", "confirmEmailChangeTemplate");

    private static final List<String> TOKEN_KEYS = List.of("authToken", "passwordResetToken", "emailChangeToken",
            "verificationToken", "fileToken");

    private static final List<String> PROVIDER_KEYS = List.of("pkce", "name", "clientId", "clientSecret", "authURL",
            "tokenURL", "userInfoURL", "displayName", "extra");

    private CollectionCodec() {
    }

    // ---------------------------------------------------------------- storage

    /**
     * Reads a {@code _collections} row. {@code fields}, {@code indexes} and {@code options} may be
     * parsed values or their JSON text.
     *
     * @throws ValidationFailed when the row cannot be read as a collection
     */
    public static Collection fromStorage(Map<String, Object> row) {
        try {
            String type = str(row, "type", "base");
            Map<String, Object> options = map(jsonText(row.get("options")), "options");
            List<Field> fields = fields(jsonText(row.get("fields")));
            List<String> indexes = strings(jsonText(row.get("indexes")), "indexes");
            return build(type, row, fields, indexes, options, AuthOptionsSource.STORAGE, invalid());
        } catch (BadShape e) {
            throw e.toValidationFailed();
        }
    }

    /** The {@code _collections} row of a collection (options nested, secrets included). */
    public static Map<String, Object> toStorage(Collection c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("system", c.system());
        row.put("type", c.type().wire());
        row.put("name", c.name());
        row.put("fields", fieldMaps(c.fields()));
        row.put("indexes", new ArrayList<>(c.indexes()));
        putRules(row, c.rules());
        row.put("options", switch (c) {
            case BaseCollection b -> new LinkedHashMap<String, Object>();
            case ViewCollection v -> viewOptions(v);
            case AuthCollection a -> authOptionsMap(a.auth(), true);
        });
        row.put("created", c.created());
        row.put("updated", c.updated());
        return row;
    }

    // ---------------------------------------------------------------- API

    /**
     * The REST API shape: base keys in PocketBase's order, then the type's options flattened at top
     * level; token secrets and OAuth2 client secrets are left out.
     */
    public static Map<String, Object> toApi(Collection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        putRules(out, c.rules());
        out.put("name", c.name());
        out.put("type", c.type().wire());
        out.put("fields", fieldMaps(c.fields()));
        out.put("indexes", new ArrayList<>(c.indexes()));
        out.put("created", c.created());
        out.put("updated", c.updated());
        out.put("system", c.system());
        switch (c) {
            case BaseCollection b -> {
            }
            case ViewCollection v -> out.putAll(viewOptions(v));
            case AuthCollection a -> out.putAll(authOptionsMap(a.auth(), false));
        }
        return out;
    }

    /**
     * Reads an API body (create, import item, or a merged update). Missing keys take PocketBase's
     * defaults for the type, missing secrets become {@code ""} (the application generates or keeps
     * them), unknown keys are ignored.
     *
     * @throws ValidationFailed with nested errors when a key has an unreadable shape
     */
    public static Collection fromApi(Map<String, Object> body) {
        if (body == null) {
            body = Map.of();
        }
        try {
            String type = str(body, "type", "");
            if (type.isEmpty()) {
                type = "base";
            }
            List<Field> fields = fields(body.get("fields"));
            List<String> indexes = strings(body.get("indexes"), "indexes");
            return build(type, body, fields, indexes, body, AuthOptionsSource.API,
                    FieldError.of("validation_in_invalid", "Must be a valid value."));
        } catch (BadShape e) {
            throw e.toValidationFailed();
        }
    }

    /**
     * The collection of a row or body whose fields and indexes are already read; the type's own options
     * (view query, auth options) come from {@code options}. The other keys are read in the same order
     * for both sources, so the first bad key reported is the same.
     */
    private static Collection build(String type, Map<String, Object> src, List<Field> fields, List<String> indexes,
                                    Map<String, Object> options, AuthOptionsSource source, FieldError unknownType) {
        String id = str(src, "id", "");
        String name = str(src, "name", "");
        boolean system = bool(src, "system");
        CollectionRules rules = rules(src);
        String created = str(src, "created", "");
        String updated = str(src, "updated", "");
        return switch (type) {
            case "base" -> new BaseCollection(id, name, system, fields, rules, indexes, created, updated);
            case "view" -> new ViewCollection(id, name, system, fields, rules, indexes, created, updated,
                    str(options, "viewQuery", ""));
            case "auth" -> new AuthCollection(id, name, system, fields, rules, indexes, created, updated,
                    authOptions(options, source));
            default -> throw new BadShape("type", unknownType);
        };
    }

    /**
     * Restores the secrets an API round trip loses ({@code toApi} omits them, {@code fromApi} reads them as
     * {@code ""}): an empty token secret takes the stored one, and an OAuth2 provider with an empty
     * {@code clientSecret} takes the stored secret of the provider with the same name. Secrets that were
     * actually submitted are kept. Secrets still empty afterwards (new tokens) are the caller's to generate.
     */
    public static AuthOptions keepSecrets(AuthOptions updated, AuthOptions stored) {
        Map<String, Object> extra = new LinkedHashMap<>(updated.extra());
        Object oauth2 = extra.get("oauth2");
        if (oauth2 instanceof Map<?, ?> om && om.get("providers") instanceof List<?> providers) {
            Map<String, String> storedSecrets = providerSecrets(stored.extra().get("oauth2"));
            List<Object> restored = new ArrayList<>();
            for (Object p : providers) {
                if (p instanceof Map<?, ?> pm && isBlankString(pm.get("clientSecret"))
                        && storedSecrets.containsKey(String.valueOf(pm.get("name")))) {
                    Map<String, Object> copy = new LinkedHashMap<>(stringKeys(pm));
                    copy.put("clientSecret", storedSecrets.get(String.valueOf(pm.get("name"))));
                    restored.add(copy);
                } else {
                    restored.add(p);
                }
            }
            Map<String, Object> newOauth2 = new LinkedHashMap<>(stringKeys(om));
            newOauth2.put("providers", restored);
            extra.put("oauth2", deepCopy(newOauth2));
        }
        return new AuthOptions(updated.authRule(), updated.manageRule(), updated.passwordAuth(),
                keepSecret(updated.authToken(), stored.authToken()),
                keepSecret(updated.passwordResetToken(), stored.passwordResetToken()),
                keepSecret(updated.emailChangeToken(), stored.emailChangeToken()),
                keepSecret(updated.verificationToken(), stored.verificationToken()),
                keepSecret(updated.fileToken(), stored.fileToken()), extra);
    }

    private static TokenConfig keepSecret(TokenConfig updated, TokenConfig stored) {
        if (isBlankString(updated.secret()) && stored != null && !isBlankString(stored.secret())) {
            return new TokenConfig(stored.secret(), updated.duration());
        }
        return updated;
    }

    private static Map<String, String> providerSecrets(Object oauth2) {
        Map<String, String> out = new LinkedHashMap<>();
        if (oauth2 instanceof Map<?, ?> om && om.get("providers") instanceof List<?> providers) {
            for (Object p : providers) {
                if (p instanceof Map<?, ?> pm && pm.get("clientSecret") instanceof String secret && !secret.isEmpty()) {
                    out.put(String.valueOf(pm.get("name")), secret);
                }
            }
        }
        return out;
    }

    private static boolean isBlankString(Object v) {
        return v == null || (v instanceof String s && s.isEmpty());
    }

    // ---------------------------------------------------------------- fields

    /**
     * Reads one field object (same shape in storage and API). Missing options take the type's zero
     * values, as PocketBase's JSON binding does.
     *
     * @throws ValidationFailed when the type is unknown or an option has the wrong shape
     */
    public static Field fieldFromMap(Map<String, Object> m) {
        try {
            return field(m);
        } catch (BadShape e) {
            throw e.toValidationFailed();
        }
    }

    /** One field object with PocketBase's keys for its type, in PocketBase's (alphabetical) key order. */
    public static Map<String, Object> fieldToMap(Field f) {
        Map<String, Object> m = new TreeMap<>();
        FieldMeta meta = f.meta();
        m.put("id", meta.id());
        m.put("name", meta.name());
        m.put("type", f.type());
        m.put("system", meta.system());
        m.put("hidden", meta.hidden());
        m.put("presentable", meta.presentable());
        switch (f) {
            case TextField t -> {
                common(m, meta, t.required());
                m.put("min", t.min());
                m.put("max", t.max());
                m.put("pattern", t.pattern());
                m.put("autogeneratePattern", t.autogeneratePattern());
                m.put("primaryKey", t.primaryKey());
            }
            case NumberField n -> {
                common(m, meta, n.required());
                m.put("min", wholeAsLong(n.min()));
                m.put("max", wholeAsLong(n.max()));
                m.put("onlyInt", n.onlyInt());
            }
            case BoolField b -> common(m, meta, b.required());
            case EmailField e -> {
                common(m, meta, e.required());
                m.put("exceptDomains", listOrNull(e.exceptDomains()));
                m.put("onlyDomains", listOrNull(e.onlyDomains()));
            }
            case UrlField u -> {
                common(m, meta, u.required());
                m.put("exceptDomains", listOrNull(u.exceptDomains()));
                m.put("onlyDomains", listOrNull(u.onlyDomains()));
            }
            case EditorField e -> {
                common(m, meta, e.required());
                m.put("maxSize", e.maxSize());
                m.put("convertURLs", e.convertURLs());
            }
            case DateField d -> {
                common(m, meta, d.required());
                m.put("min", d.min());
                m.put("max", d.max());
            }
            case AutodateField a -> {
                // autodate has neither help nor required upstream
                m.put("onCreate", a.onCreate());
                m.put("onUpdate", a.onUpdate());
            }
            case SelectField s -> {
                common(m, meta, s.required());
                m.put("values", listOrNull(s.values()));
                m.put("maxSelect", s.maxSelect());
            }
            case FileField fl -> {
                common(m, meta, fl.required());
                m.put("maxSelect", fl.maxSelect());
                m.put("maxSize", fl.maxSize());
                m.put("mimeTypes", listOrNull(fl.mimeTypes()));
                m.put("thumbs", listOrNull(fl.thumbs()));
                m.put("protected", fl.protectedFiles());
            }
            case RelationField r -> {
                common(m, meta, r.required());
                m.put("collectionId", r.collectionId());
                m.put("cascadeDelete", r.cascadeDelete());
                m.put("minSelect", r.minSelect());
                m.put("maxSelect", r.maxSelect());
            }
            case JsonField j -> {
                common(m, meta, j.required());
                m.put("maxSize", j.maxSize());
            }
            case PasswordField p -> {
                common(m, meta, p.required());
                m.put("min", p.min());
                m.put("max", p.max());
                m.put("pattern", p.pattern());
                m.put("cost", p.cost());
            }
            case GeoPointField g -> common(m, meta, g.required());
        }
        return new LinkedHashMap<>(m);
    }

    private static void common(Map<String, Object> m, FieldMeta meta, boolean required) {
        m.put("help", meta.help());
        m.put("required", required);
    }

    /** Go keeps an unset list as {@code nil}, which it writes as {@code null}. */
    private static List<String> listOrNull(List<String> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    /** Go writes a whole float64 without decimals; a Long keeps JSON writers from adding {@code .0}. */
    private static Object wholeAsLong(Double d) {
        if (d != null && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        return d;
    }

    private static List<Object> fieldMaps(List<Field> fields) {
        List<Object> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(fieldToMap(f));
        }
        return out;
    }

    private static List<Field> fields(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new BadShape("fields");
        }
        List<Field> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new BadShape(List.of("fields", String.valueOf(i)), invalid());
            }
            try {
                out.add(field(stringKeys(m)));
            } catch (BadShape e) {
                throw e.under("fields", String.valueOf(i));
            }
        }
        return out;
    }

    private static Field field(Map<String, Object> m) {
        String type = str(m, "type", "");
        FieldMeta meta = new FieldMeta(str(m, "id", ""), str(m, "name", ""), bool(m, "system"), bool(m, "hidden"),
                bool(m, "presentable"), str(m, "help", ""));
        boolean required = bool(m, "required");
        return switch (type) {
            case "text" -> new TextField(meta, required, integer(m, "min"), integer(m, "max"), str(m, "pattern", ""),
                    str(m, "autogeneratePattern", ""), bool(m, "primaryKey"));
            case "number" -> new NumberField(meta, required, nullableDouble(m, "min"), nullableDouble(m, "max"),
                    bool(m, "onlyInt"));
            case "bool" -> new BoolField(meta, required);
            case "email" -> new EmailField(meta, required, strings(m.get("exceptDomains"), "exceptDomains"),
                    strings(m.get("onlyDomains"), "onlyDomains"));
            case "url" -> new UrlField(meta, required, strings(m.get("exceptDomains"), "exceptDomains"),
                    strings(m.get("onlyDomains"), "onlyDomains"));
            case "editor" -> new EditorField(meta, required, longValue(m, "maxSize"), bool(m, "convertURLs"));
            // upstream binds the bounds to its datetime type: any accepted layout is stored canonically,
            // anything unreadable as no bound
            case "date" -> new DateField(meta, required, DateTimes.normalize(str(m, "min", "")),
                    DateTimes.normalize(str(m, "max", "")));
            case "autodate" -> new AutodateField(meta, bool(m, "onCreate"), bool(m, "onUpdate"));
            case "select" -> new SelectField(meta, required, strings(m.get("values"), "values"),
                    integer(m, "maxSelect"));
            case "file" -> new FileField(meta, required, integer(m, "maxSelect"), longValue(m, "maxSize"),
                    strings(m.get("mimeTypes"), "mimeTypes"), strings(m.get("thumbs"), "thumbs"),
                    bool(m, "protected"));
            case "relation" -> new RelationField(meta, required, str(m, "collectionId", ""),
                    bool(m, "cascadeDelete"), integer(m, "minSelect"), integer(m, "maxSelect"));
            case "json" -> new JsonField(meta, required, longValue(m, "maxSize"));
            case "password" -> new PasswordField(meta, required, integer(m, "min"), integer(m, "max"),
                    str(m, "pattern", ""), integer(m, "cost"));
            case "geoPoint" -> new GeoPointField(meta, required);
            default -> throw new BadShape("type", FieldError.of("validation_invalid_field_type",
                    "Missing or unknown field type."));
        };
    }

    // ---------------------------------------------------------------- rules and options

    private static CollectionRules rules(Map<String, Object> m) {
        return new CollectionRules(rule(m, "listRule"), rule(m, "viewRule"), rule(m, "createRule"),
                rule(m, "updateRule"), rule(m, "deleteRule"));
    }

    private static AccessRule rule(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return AccessRule.LOCKED;
        }
        if (!(v instanceof String s)) {
            throw new BadShape(key);
        }
        return AccessRule.of(s);
    }

    private static void putRules(Map<String, Object> out, CollectionRules r) {
        out.put("listRule", r.list().raw());
        out.put("viewRule", r.view().raw());
        out.put("createRule", r.create().raw());
        out.put("updateRule", r.update().raw());
        out.put("deleteRule", r.delete().raw());
    }

    private static Map<String, Object> viewOptions(ViewCollection v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("viewQuery", v.viewQuery());
        return m;
    }

    private enum AuthOptionsSource { STORAGE, API }

    private static AuthOptions authOptions(Map<String, Object> src, AuthOptionsSource source) {
        boolean api = source == AuthOptionsSource.API;
        // PocketBase binds JSON onto a collection pre-filled with the defaults: absent keys keep them.
        AuthOptions defaults = AuthDefaults.options(null);
        AccessRule authRule = src.containsKey("authRule") ? rule(src, "authRule") : defaults.authRule();
        AccessRule manageRule = src.containsKey("manageRule") ? rule(src, "manageRule") : defaults.manageRule();
        PasswordAuth passwordAuth = defaults.passwordAuth();
        if (src.get("passwordAuth") != null) {
            Map<String, Object> pa = map(src.get("passwordAuth"), "passwordAuth");
            try {
                passwordAuth = new PasswordAuth(
                        pa.containsKey("enabled") ? bool(pa, "enabled") : passwordAuth.enabled(),
                        pa.containsKey("identityFields") ? strings(pa.get("identityFields"), "identityFields")
                                : passwordAuth.identityFields());
            } catch (BadShape e) {
                throw e.under("passwordAuth");
            }
        }
        TokenConfig[] tokens = new TokenConfig[TOKEN_KEYS.size()];
        TokenConfig[] defaultTokens = {defaults.authToken(), defaults.passwordResetToken(),
                defaults.emailChangeToken(), defaults.verificationToken(), defaults.fileToken()};
        for (int i = 0; i < tokens.length; i++) {
            String key = TOKEN_KEYS.get(i);
            TokenConfig t = defaultTokens[i];
            if (src.get(key) != null) {
                Map<String, Object> tm = map(src.get(key), key);
                try {
                    t = new TokenConfig(tm.containsKey("secret") ? str(tm, "secret", "") : t.secret(),
                            tm.containsKey("duration") ? longValue(tm, "duration") : t.duration());
                } catch (BadShape e) {
                    throw e.under(key);
                }
            }
            tokens[i] = t;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String key : EXTRA_KEYS) {
            Object def = defaults.extra().get(key);
            if (!src.containsKey(key)) {
                extra.put(key, deepCopy(def));
                continue;
            }
            Object v = src.get(key);
            if (api) {
                if (v != null && !(v instanceof Map<?, ?>)) {
                    throw new BadShape(key);
                }
                Object merged = v == null ? deepCopy(def) : merge(def, v);
                if ("oauth2".equals(key)) {
                    merged = normaliseOAuth2(merged);
                }
                extra.put(key, merged);
            } else {
                extra.put(key, deepCopy(v));
            }
        }
        return new AuthOptions(authRule, manageRule, passwordAuth, tokens[0], tokens[1], tokens[2], tokens[3],
                tokens[4], extra);
    }

    /** Every provider gets the full key set (a missing client secret becomes {@code ""}). */
    private static Object normaliseOAuth2(Object oauth2) {
        if (!(oauth2 instanceof Map<?, ?> m)) {
            return oauth2;
        }
        Map<String, Object> out = new LinkedHashMap<>(stringKeys(m));
        Object providers = out.get("providers");
        if (providers == null) {
            out.put("providers", List.of());
            return frozen(out);
        }
        if (!(providers instanceof List<?> list)) {
            throw new BadShape(List.of("oauth2", "providers"), invalid());
        }
        List<Object> normalised = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> p)) {
                throw new BadShape(List.of("oauth2", "providers", String.valueOf(i)), invalid());
            }
            Map<String, Object> pm = stringKeys(p);
            Map<String, Object> full = new LinkedHashMap<>();
            for (String k : PROVIDER_KEYS) {
                Object v = pm.get(k);
                if (v == null && !k.equals("pkce") && !k.equals("extra")) {
                    v = "";
                }
                full.put(k, v);
            }
            normalised.add(full);
        }
        out.put("providers", normalised);
        return frozen(out);
    }

    private static Map<String, Object> authOptionsMap(AuthOptions o, boolean withSecrets) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : AUTH_OPTION_KEYS) {
            switch (key) {
                case "authRule" -> m.put(key, o.authRule().raw());
                case "manageRule" -> m.put(key, o.manageRule().raw());
                case "passwordAuth" -> {
                    Map<String, Object> pa = new LinkedHashMap<>();
                    pa.put("enabled", o.passwordAuth().enabled());
                    pa.put("identityFields", new ArrayList<>(o.passwordAuth().identityFields()));
                    m.put(key, pa);
                }
                case "authToken" -> m.put(key, token(o.authToken(), withSecrets));
                case "passwordResetToken" -> m.put(key, token(o.passwordResetToken(), withSecrets));
                case "emailChangeToken" -> m.put(key, token(o.emailChangeToken(), withSecrets));
                case "verificationToken" -> m.put(key, token(o.verificationToken(), withSecrets));
                case "fileToken" -> m.put(key, token(o.fileToken(), withSecrets));
                case "oauth2" -> m.put(key, withSecrets ? deepCopy(o.extra().get(key))
                        : oauth2ForApi(o.extra().get(key)));
                default -> m.put(key, deepCopy(o.extra().get(key)));
            }
        }
        return m;
    }

    private static Map<String, Object> token(TokenConfig t, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withSecret) {
            m.put("secret", t.secret());
        }
        m.put("duration", t.duration());
        return m;
    }

    /** The API never shows client secrets and always shows providers as an array. */
    private static Object oauth2ForApi(Object oauth2) {
        if (!(oauth2 instanceof Map<?, ?> m)) {
            return deepCopy(oauth2);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("providers")) {
                List<Object> providers = new ArrayList<>();
                if (e.getValue() instanceof List<?> list) {
                    for (Object p : list) {
                        if (p instanceof Map<?, ?> pm) {
                            Map<String, Object> copy = new LinkedHashMap<>();
                            for (Map.Entry<?, ?> pe : pm.entrySet()) {
                                if (!"clientSecret".equals(pe.getKey())) {
                                    copy.put(String.valueOf(pe.getKey()), deepCopy(pe.getValue()));
                                }
                            }
                            providers.add(copy);
                        } else {
                            providers.add(deepCopy(p));
                        }
                    }
                }
                out.put(key, providers);
            } else {
                out.put(key, deepCopy(e.getValue()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- JSON-shaped readers

    private static Object jsonText(Object v) {
        if (v instanceof String s) {
            try {
                return Json.parse(s);
            } catch (IllegalArgumentException e) {
                return v;
            }
        }
        return v;
    }

    private static String str(Map<String, Object> m, String key, String def) {
        Object v = m.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new BadShape(key);
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            // SQLite rows carry booleans as 0/1
            case Number n -> n.doubleValue() != 0;
            default -> throw new BadShape(key);
        };
    }

    private static int integer(Map<String, Object> m, String key) {
        long l = longValue(m, key);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new BadShape(key);
        }
        return (int) l;
    }

    private static long longValue(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            }
            if (n instanceof BigInteger bi && bi.bitLength() < 64) {
                return bi.longValue();
            }
            // Go refuses to bind a fractional JSON number to an int
            if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
        }
        throw new BadShape(key);
    }

    private static Double nullableDouble(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new BadShape(key);
    }

    private static List<String> strings(Object v, String key) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new BadShape(key);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new BadShape(key);
            }
            out.add(s);
        }
        return out;
    }

    private static Map<String, Object> map(Object v, String key) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new BadShape(key);
        }
        return stringKeys(m);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    /** Overlays {@code patch} onto {@code base} key by key, recursing into objects (like Go's json binding). */
    private static Object merge(Object base, Object patch) {
        if (base instanceof Map<?, ?> bm && patch instanceof Map<?, ?> pm) {
            Map<String, Object> out = new LinkedHashMap<>(stringKeys(bm));
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                String k = String.valueOf(e.getKey());
                out.put(k, merge(out.get(k), e.getValue()));
            }
            return frozen(out);
        }
        return deepCopy(patch);
    }

    /** An unmodifiable deep copy of a JSON-shaped value (lists may hold nulls). */
    static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object item : l) {
                out.add(deepCopy(item));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    private static Object frozen(Map<String, Object> m) {
        return deepCopy(m);
    }

    private static FieldError invalid() {
        return FieldError.of("validation_invalid_value", "Invalid value.");
    }

    /** An unreadable value at a key path; becomes a nested {@link ValidationFailed}. */
    private static final class BadShape extends RuntimeException {
        private final List<String> path;
        private final FieldError error;

        BadShape(String key) {
            this(List.of(key), invalid());
        }

        BadShape(String key, FieldError error) {
            this(List.of(key), error);
        }

        BadShape(List<String> path, FieldError error) {
            super(String.join(".", path), null, false, false);
            this.path = path;
            this.error = error;
        }

        BadShape under(String... prefix) {
            List<String> p = new ArrayList<>(List.of(prefix));
            p.addAll(path);
            return new BadShape(p, error);
        }

        ValidationFailed toValidationFailed() {
            ErrorNode node = error;
            for (int i = path.size() - 1; i > 0; i--) {
                node = new ErrorGroup(Map.of(path.get(i), node));
            }
            return ValidationFailed.of(BAD_FORMAT, path.get(0), node);
        }
    }
}
