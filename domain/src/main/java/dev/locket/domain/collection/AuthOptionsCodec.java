package dev.locket.domain.collection;

import static dev.locket.domain.json.JsonShape.bool;
import static dev.locket.domain.json.JsonShape.longValue;
import static dev.locket.domain.json.JsonShape.object;
import static dev.locket.domain.json.JsonShape.strings;
import static dev.locket.domain.json.JsonShape.text;

import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auth options object: nested under {@code options} in a {@code _collections} row, flattened into
 * the collection in the REST API, with the same keys and shapes in both. Like {@link FieldCodec}, it is
 * shared by the two formats; the wire format additionally hides the secrets this class writes.
 */
public final class AuthOptionsCodec {

    /** The auth option keys in the order PocketBase writes them. */
    public static final List<String> KEYS = List.of("authRule", "manageRule", "authAlert", "oauth2",
            "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken",
            "verificationToken", "fileToken", "verificationTemplate", "resetPasswordTemplate",
            "confirmEmailChangeTemplate");

    /** The token settings, in the order PocketBase reads them. */
    public static final List<String> TOKEN_KEYS = List.of("authToken", "passwordResetToken", "emailChangeToken",
            "verificationToken", "fileToken");

    /** The JSON-shaped sections kept verbatim in {@link AuthOptions#extra()}, in reading order. */
    public static final List<String> SECTION_KEYS = List.of("authAlert", "oauth2", "mfa", "otp",
            "verificationTemplate", "resetPasswordTemplate", "confirmEmailChangeTemplate");

    private static final List<String> PROVIDER_KEYS = List.of("pkce", "name", "clientId", "clientSecret", "authURL",
            "tokenURL", "userInfoURL", "displayName", "extra");

    private AuthOptionsCodec() {
    }

    /** The options with every key PocketBase writes, secrets included (the stored form). */
    public static Map<String, Object> write(AuthOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : KEYS) {
            switch (key) {
                case "authRule" -> m.put(key, o.authRule().raw());
                case "manageRule" -> m.put(key, o.manageRule().raw());
                case "passwordAuth" -> {
                    Map<String, Object> pa = new LinkedHashMap<>();
                    pa.put("enabled", o.passwordAuth().enabled());
                    pa.put("identityFields", new ArrayList<>(o.passwordAuth().identityFields()));
                    m.put(key, pa);
                }
                case "authToken", "passwordResetToken", "emailChangeToken", "verificationToken", "fileToken" -> {
                    TokenConfig t = token(o, key);
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("secret", t.secret());
                    tm.put("duration", t.duration());
                    m.put(key, tm);
                }
                default -> m.put(key, JsonShape.frozenCopy(o.extra().get(key)));
            }
        }
        return m;
    }

    /**
     * Reads stored options: absent keys keep PocketBase's defaults (secrets {@code ""}), sections are
     * kept as they are.
     *
     * @throws JsonShape.Mismatch at the first key with a bad shape
     */
    public static AuthOptions read(Map<String, Object> src) {
        AuthOptions defaults = AuthDefaults.options(null);
        AccessRule authRule = src.containsKey("authRule") ? CollectionRules.rule(src, "authRule") : defaults.authRule();
        AccessRule manageRule = src.containsKey("manageRule") ? CollectionRules.rule(src, "manageRule")
                : defaults.manageRule();
        PasswordAuth passwordAuth = passwordAuth(src.get("passwordAuth"));
        TokenConfig[] tokens = new TokenConfig[TOKEN_KEYS.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = token(TOKEN_KEYS.get(i), src.get(TOKEN_KEYS.get(i)));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (String key : SECTION_KEYS) {
            extra.put(key, JsonShape.frozenCopy(src.containsKey(key) ? src.get(key) : defaults.extra().get(key)));
        }
        return new AuthOptions(authRule, manageRule, passwordAuth, tokens[0], tokens[1], tokens[2], tokens[3],
                tokens[4], extra);
    }

    /**
     * Password auth settings: keys the object lacks (or a {@code null} object) keep the defaults.
     *
     * @throws JsonShape.Mismatch under {@code passwordAuth}
     */
    public static PasswordAuth passwordAuth(Object raw) {
        PasswordAuth defaults = AuthDefaults.options(null).passwordAuth();
        if (raw == null) {
            return defaults;
        }
        Map<String, Object> pa = object(raw, "passwordAuth");
        try {
            return new PasswordAuth(pa.containsKey("enabled") ? bool(pa, "enabled") : defaults.enabled(),
                    pa.containsKey("identityFields") ? strings(pa.get("identityFields"), "identityFields")
                            : defaults.identityFields());
        } catch (JsonShape.Mismatch e) {
            throw e.under("passwordAuth");
        }
    }

    /**
     * One token setting ({@code key} is one of {@link #TOKEN_KEYS}): keys the object lacks (or a
     * {@code null} object) keep the default duration and an empty secret.
     *
     * @throws JsonShape.Mismatch under {@code key}
     */
    public static TokenConfig token(String key, Object raw) {
        TokenConfig t = token(AuthDefaults.options(null), key);
        if (raw == null) {
            return t;
        }
        Map<String, Object> tm = object(raw, key);
        try {
            return new TokenConfig(tm.containsKey("secret") ? text(tm, "secret", "") : t.secret(),
                    tm.containsKey("duration") ? longValue(tm, "duration") : t.duration());
        } catch (JsonShape.Mismatch e) {
            throw e.under(key);
        }
    }

    /** The token setting named {@code key} (one of {@link #TOKEN_KEYS}). */
    public static TokenConfig token(AuthOptions o, String key) {
        return switch (key) {
            case "authToken" -> o.authToken();
            case "passwordResetToken" -> o.passwordResetToken();
            case "emailChangeToken" -> o.emailChangeToken();
            case "verificationToken" -> o.verificationToken();
            case "fileToken" -> o.fileToken();
            default -> throw new IllegalArgumentException("not a token setting: " + key);
        };
    }

    /**
     * A section ({@code key} is one of {@link #SECTION_KEYS}) as PocketBase binds a submitted one: laid
     * over the defaults ({@code null} gives the defaults), OAuth2 providers completed to the full key set
     * (a missing client secret becomes {@code ""}). Frozen.
     *
     * @throws JsonShape.Mismatch under {@code key} when it is not an object or its providers are malformed
     */
    public static Object completeSection(String key, Object value) {
        Object defaults = AuthDefaults.options(null).extra().get(key);
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw new JsonShape.Mismatch(key);
        }
        Object merged = value == null ? JsonShape.frozenCopy(defaults) : JsonShape.overlay(defaults, value);
        return "oauth2".equals(key) ? withFullProviders(merged) : merged;
    }

    private static Object withFullProviders(Object oauth2) {
        if (!(oauth2 instanceof Map<?, ?> m)) {
            return oauth2;
        }
        Map<String, Object> out = JsonShape.stringKeys(m);
        Object providers = out.get("providers");
        if (providers == null) {
            out.put("providers", List.of());
            return JsonShape.frozenCopy(out);
        }
        if (!(providers instanceof List<?> list)) {
            throw new JsonShape.Mismatch(List.of("oauth2", "providers"), JsonShape.invalidValue());
        }
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> p)) {
                throw new JsonShape.Mismatch(List.of("oauth2", "providers", String.valueOf(i)),
                        JsonShape.invalidValue());
            }
            Map<String, Object> provider = new LinkedHashMap<>();
            for (String k : PROVIDER_KEYS) {
                Object v = p.get(k);
                provider.put(k, v == null && !k.equals("pkce") && !k.equals("extra") ? "" : v);
            }
            full.add(provider);
        }
        out.put("providers", full);
        return JsonShape.frozenCopy(out);
    }
}
