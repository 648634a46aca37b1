package dev.locket.adapters.http.settings;

import static dev.locket.adapters.http.json.GoJson.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.locket.adapters.http.json.GoJson;
import dev.locket.application.port.out.SettingsFormat;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.settings.BackupsConfig;
import dev.locket.domain.settings.BatchConfig;
import dev.locket.domain.settings.LogsConfig;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.RateLimitRule;
import dev.locket.domain.settings.RateLimitsConfig;
import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.Settings;
import dev.locket.domain.settings.SmtpConfig;
import dev.locket.domain.settings.TrustedProxyConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * PocketBase's settings JSON, the one codec for both of its forms: the stored document of
 * {@code _params} (secrets included) and the settings API's answer (secrets left out, as upstream
 * blanks them and omits them as empty). Keys are written in the order of upstream's settings struct.
 * Reading follows Go's JSON decoder onto existing settings: objects merge key by key, arrays and
 * scalars replace, unknown keys are ignored, {@code null} keeps a scalar or object and empties an
 * array, and a value of the wrong type makes a request body unreadable.
 */
public final class SettingsJson implements SettingsFormat {

    /** Which secrets a form carries. */
    private enum Form {
        /** The stored document: upstream always writes the SMTP password and omits an empty S3 secret. */
        STORED,
        /** The API's answer: no secrets at all. */
        API
    }

    @Override
    public String write(Settings settings) {
        return GoJson.writeString(encode(settings, Form.STORED));
    }

    @Override
    public Settings read(String document) {
        JsonNode tree;
        try {
            tree = GoJson.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored settings are not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("stored settings are not a JSON object");
        }
        return new Decoder(false).settings(tree, Settings.defaults());
    }

    /** The settings as the settings API answers them. */
    Map<String, Object> api(Settings settings) {
        return encode(settings, Form.API);
    }

    /**
     * {@code body} (a JSON-shaped request body) merged onto {@code current}; a value of the wrong
     * JSON type is a 400 with upstream's load message.
     */
    Settings patch(Settings current, Map<String, Object> body) {
        return new Decoder(true).settings(GoJson.tree(body), current);
    }

    // ---- writing ----

    private static Map<String, Object> encode(Settings s, Form form) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("superuserIPs", s.superuserIPs());
        out.put("smtp", smtp(s.smtp(), form));
        out.put("backups", object("cron", s.backups().cron(), "cronMaxKeep", s.backups().cronMaxKeep(),
                "s3", s3(s.backups().s3(), form)));
        out.put("s3", s3(s.s3(), form));
        MetaConfig meta = s.meta();
        out.put("meta", object("accentColor", meta.accentColor(), "appName", meta.appName(), "appURL", meta.appURL(),
                "senderName", meta.senderName(), "senderAddress", meta.senderAddress(),
                "hideControls", meta.hideControls()));
        RateLimitsConfig limits = s.rateLimits();
        List<Object> rules = new ArrayList<>();
        for (RateLimitRule r : limits.rules()) {
            rules.add(object("label", r.label(), "audience", r.audience(), "duration", r.duration(),
                    "maxRequests", r.maxRequests()));
        }
        out.put("rateLimits", object("rules", rules, "excludedIPs", limits.excludedIPs(), "enabled", limits.enabled()));
        out.put("trustedProxy", object("headers", s.trustedProxy().headers(),
                "useLeftmostIP", s.trustedProxy().useLeftmostIP()));
        BatchConfig batch = s.batch();
        out.put("batch", object("enabled", batch.enabled(), "maxRequests", batch.maxRequests(),
                "timeout", batch.timeout(), "maxBodySize", batch.maxBodySize()));
        LogsConfig logs = s.logs();
        out.put("logs", object("maxDays", logs.maxDays(), "minLevel", logs.minLevel(), "logIP", logs.logIP(),
                "logAuthId", logs.logAuthId()));
        return out;
    }

    private static Map<String, Object> smtp(SmtpConfig c, Form form) {
        Map<String, Object> out = object("enabled", c.enabled(), "port", c.port(), "host", c.host(),
                "username", c.username());
        if (form == Form.STORED) {
            out.put("password", c.password().value());
        }
        out.putAll(object("authMethod", c.authMethod(), "tls", c.tls(), "localName", c.localName()));
        return out;
    }

    private static Map<String, Object> s3(S3Config c, Form form) {
        Map<String, Object> out = object("enabled", c.enabled(), "bucket", c.bucket(), "region", c.region(),
                "endpoint", c.endpoint(), "accessKey", c.accessKey());
        if (form == Form.STORED && !c.secret().isEmpty()) {
            out.put("secret", c.secret().value());
        }
        out.put("forcePathStyle", c.forcePathStyle());
        return out;
    }

    // ---- reading ----

    /**
     * Decodes JSON onto existing values. {@code strict}: a value of the wrong type fails the whole
     * body (a request); otherwise it is ignored (a stored document must not stop start-up).
     */
    private record Decoder(boolean strict) {

        Settings settings(JsonNode o, Settings s) {
            return new Settings(texts(o, "superuserIPs", s.superuserIPs()),
                    object(o, "smtp", s.smtp(), this::smtp),
                    object(o, "backups", s.backups(), this::backups),
                    object(o, "s3", s.s3(), this::s3),
                    object(o, "meta", s.meta(), this::meta),
                    object(o, "rateLimits", s.rateLimits(), this::rateLimits),
                    object(o, "trustedProxy", s.trustedProxy(), this::trustedProxy),
                    object(o, "batch", s.batch(), this::batch),
                    object(o, "logs", s.logs(), this::logs));
        }

        SmtpConfig smtp(JsonNode o, SmtpConfig c) {
            return new SmtpConfig(bool(o, "enabled", c.enabled()), whole(o, "port", c.port()),
                    text(o, "host", c.host()), text(o, "username", c.username()),
                    Secret.of(text(o, "password", c.password().value())), text(o, "authMethod", c.authMethod()),
                    bool(o, "tls", c.tls()), text(o, "localName", c.localName()));
        }

        S3Config s3(JsonNode o, S3Config c) {
            return new S3Config(bool(o, "enabled", c.enabled()), text(o, "bucket", c.bucket()),
                    text(o, "region", c.region()), text(o, "endpoint", c.endpoint()),
                    text(o, "accessKey", c.accessKey()), Secret.of(text(o, "secret", c.secret().value())),
                    bool(o, "forcePathStyle", c.forcePathStyle()));
        }

        BackupsConfig backups(JsonNode o, BackupsConfig c) {
            return new BackupsConfig(text(o, "cron", c.cron()), whole(o, "cronMaxKeep", c.cronMaxKeep()),
                    object(o, "s3", c.s3(), this::s3));
        }

        MetaConfig meta(JsonNode o, MetaConfig c) {
            return new MetaConfig(text(o, "accentColor", c.accentColor()), text(o, "appName", c.appName()),
                    text(o, "appURL", c.appURL()), text(o, "senderName", c.senderName()),
                    text(o, "senderAddress", c.senderAddress()), bool(o, "hideControls", c.hideControls()));
        }

        RateLimitsConfig rateLimits(JsonNode o, RateLimitsConfig c) {
            return new RateLimitsConfig(objects(o, "rules", c.rules(), new RateLimitRule("", "", 0, 0), this::rule),
                    texts(o, "excludedIPs", c.excludedIPs()), bool(o, "enabled", c.enabled()));
        }

        RateLimitRule rule(JsonNode o, RateLimitRule c) {
            return new RateLimitRule(text(o, "label", c.label()), text(o, "audience", c.audience()),
                    whole(o, "duration", c.duration()), whole(o, "maxRequests", c.maxRequests()));
        }

        TrustedProxyConfig trustedProxy(JsonNode o, TrustedProxyConfig c) {
            return new TrustedProxyConfig(texts(o, "headers", c.headers()),
                    bool(o, "useLeftmostIP", c.useLeftmostIP()));
        }

        BatchConfig batch(JsonNode o, BatchConfig c) {
            return new BatchConfig(bool(o, "enabled", c.enabled()), whole(o, "maxRequests", c.maxRequests()),
                    whole(o, "timeout", c.timeout()), whole(o, "maxBodySize", c.maxBodySize()));
        }

        LogsConfig logs(JsonNode o, LogsConfig c) {
            return new LogsConfig(whole(o, "maxDays", c.maxDays()), whole(o, "minLevel", c.minLevel()),
                    bool(o, "logIP", c.logIP()), bool(o, "logAuthId", c.logAuthId()));
        }

        // ---- Go's rules per JSON kind ----

        String text(JsonNode o, String key, String current) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                return current;
            }
            return v.isTextual() ? v.textValue() : mismatch(current);
        }

        boolean bool(JsonNode o, String key, boolean current) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                return current;
            }
            return v.isBoolean() ? v.booleanValue() : mismatch(current);
        }

        /** Go's int64: a whole number in range; {@code 2.0}, {@code 1e3} or a fraction cannot be decoded. */
        long whole(JsonNode o, String key, long current) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                return current;
            }
            return v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : mismatch(current);
        }

        <T> T object(JsonNode o, String key, T current, BiFunction<JsonNode, T, T> decode) {
            JsonNode v = o.get(key);
            if (v == null || v.isNull()) {
                return current;
            }
            return v.isObject() ? decode.apply(v, current) : mismatch(current);
        }

        List<String> texts(JsonNode o, String key, List<String> current) {
            return list(o, key, current, item -> item.isNull() ? "" : item.isTextual() ? item.textValue() : mismatch(""));
        }

        /** Each element is decoded onto {@code zero}, as Go decodes array elements onto a fresh value. */
        <T> List<T> objects(JsonNode o, String key, List<T> current, T zero, BiFunction<JsonNode, T, T> decode) {
            return list(o, key, current, item -> item.isNull() ? zero
                    : item.isObject() ? decode.apply(item, zero) : mismatch(zero));
        }

        private <T> List<T> list(JsonNode o, String key, List<T> current,
                                 Function<JsonNode, T> element) {
            JsonNode v = o.get(key);
            if (v == null) {
                return current;
            }
            if (v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                return mismatch(current);
            }
            List<T> out = new ArrayList<>(v.size());
            v.forEach(item -> out.add(element.apply(item)));
            return out;
        }

        private <T> T mismatch(T current) {
            if (strict) {
                throw new BadRequest(BadRequest.LOAD_FAILED);
            }
            return current;
        }
    }
}
