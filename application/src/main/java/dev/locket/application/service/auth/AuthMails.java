package dev.locket.application.service.auth;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.MailerHooks;
import dev.locket.application.hook.MailerRecordEvent;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.json.GoFloats;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The auth emails of auth.md §9: picks the collection's template, fills its placeholders, wraps
 * the body in the common HTML layout and hands it to the {@link Mailer} with the settings' sender.
 */
public final class AuthMails {

    /** Which template of an auth collection a mail uses. */
    public enum Kind {
        VERIFICATION("verification"), PASSWORD_RESET("password-reset"), EMAIL_CHANGE("email-change"),
        OTP("otp"), LOGIN_ALERT("login-alert");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The name {@code POST /api/settings/test/email} uses for the template. */
        public String wire() {
            return wire;
        }
    }

    private static final Map<String, Object> DEFAULTS = SystemCollections.defaultAuthOptions(null).extra();

    private final CurrentSettings settings;
    private final Mailer mailer;
    private final MailerHooks hooks;

    /** Without hooks of its own (tests, setups without mail). */
    public AuthMails(CurrentSettings settings, Mailer mailer) {
        this(settings, mailer, new MailerHooks());
    }

    /** {@code mailer} should be the app's hooked mailer; each kind's hook of {@code hooks} wraps its sends. */
    public AuthMails(CurrentSettings settings, Mailer mailer, MailerHooks hooks) {
        this.settings = settings;
        this.mailer = mailer;
        this.hooks = hooks;
    }

    /** Mails that always fail to send (no settings, no transport): for setups without mail. */
    public static AuthMails none() {
        return new AuthMails(Settings::defaults, message -> {
            throw new Mailer.MailFailure("no mail transport configured", null);
        });
    }

    /**
     * Renders and sends one auth email to {@code to}. {@code token}, {@code otp}, {@code otpId} and
     * {@code alertInfo} fill their placeholders (ignored by templates that do not use them).
     * The kind's hook ({@code onMailerRecord*Send}) wraps the send: it may change the message or stop it.
     * Returns the message as sent, empty when a handler stopped it. Throws {@link Mailer.MailFailure} when
     * sending fails, and what a handler throws.
     */
    public Optional<MailMessage> send(Kind kind, AuthCollection c, Record record, String to,
                                      Map<String, String> values) {
        MetaConfig meta = settings.current().meta();
        String appName = meta.appName();
        String appUrl = meta.appURL();
        Map<String, Object> template = template(c, kind);
        String subject = fill(text(template.get("subject"), ""), record, appName, appUrl, values, false);
        String body = fill(text(template.get("body"), ""), record, appName, appUrl, values, true);
        MailMessage message = new MailMessage(meta.senderName(), meta.senderAddress(), to, subject, layout(body));
        AtomicReference<MailMessage> sent = new AtomicReference<>();
        hook(kind).trigger(new MailerRecordEvent(message, record, meta(kind, to, values)), e -> {
            mailer.send(e.message());
            sent.set(e.message());
        });
        return Optional.ofNullable(sent.get());
    }

    private Hook<MailerRecordEvent> hook(Kind kind) {
        return switch (kind) {
            case VERIFICATION -> hooks.onMailerRecordVerificationSend();
            case PASSWORD_RESET -> hooks.onMailerRecordPasswordResetSend();
            case EMAIL_CHANGE -> hooks.onMailerRecordEmailChangeSend();
            case OTP -> hooks.onMailerRecordOTPSend();
            case LOGIN_ALERT -> hooks.onMailerRecordAuthAlertSend();
        };
    }

    /** The event's meta under upstream's keys for each kind. */
    private static Map<String, Object> meta(Kind kind, String to, Map<String, String> values) {
        Map<String, Object> meta = new LinkedHashMap<>();
        switch (kind) {
            case VERIFICATION, PASSWORD_RESET -> meta.put("token", values.getOrDefault("TOKEN", ""));
            case EMAIL_CHANGE -> {
                meta.put("token", values.getOrDefault("TOKEN", ""));
                meta.put("newEmail", to);
            }
            case OTP -> {
                meta.put("otpId", values.getOrDefault("OTP_ID", ""));
                meta.put("password", values.getOrDefault("OTP", ""));
            }
            case LOGIN_ALERT -> meta.put("info", escape(values.getOrDefault("ALERT_INFO", "")));
        }
        return meta;
    }

    /**
     * Upstream's system alert to one superuser: subject {@code [<app name> system alert] <subject>} and the
     * details in a block of their own. Throws {@link Mailer.MailFailure} when sending fails.
     */
    public void sendSystemAlert(String to, String subject, String details) {
        MetaConfig meta = settings.current().meta();
        String appName = meta.appName();
        String body = "<p>" + escape(appName) + " system alert occurred:</p>\n"
                + "<p style=\"padding:15px;background:#e4e8ec;border-radius:5px;white-space:pre-wrap\"><strong>"
                + escape(details) + "</strong></p>\n"
                + "<p>For more information you could explore the logs in the dashboard of your application.</p>";
        mailer.send(new MailMessage(meta.senderName(), meta.senderAddress(), to,
                "[" + appName + " system alert] " + escape(subject), layout(body)));
    }

    /**
     * The collection's template for {@code kind}: {@code {"subject","body"}}; PocketBase's default
     * stands in for a template a collection was saved without.
     */
    static Map<String, Object> template(AuthCollection c, Kind kind) {
        Map<String, Object> own = template(c.auth().extra(), kind);
        if (text(own.get("subject"), "").isEmpty() || text(own.get("body"), "").isEmpty()) {
            return template(DEFAULTS, kind);
        }
        return own;
    }

    private static Map<String, Object> template(Map<String, Object> extra, Kind kind) {
        return switch (kind) {
            case VERIFICATION -> map(extra.get("verificationTemplate"));
            case PASSWORD_RESET -> map(extra.get("resetPasswordTemplate"));
            case EMAIL_CHANGE -> map(extra.get("confirmEmailChangeTemplate"));
            case OTP -> map(map(extra.get("otp")).get("emailTemplate"));
            case LOGIN_ALERT -> map(map(extra.get("authAlert")).get("emailTemplate"));
        };
    }

    /**
     * Plain string substitution as upstream does it: {@code {RECORD:<field>}} for the non-hidden
     * fields (HTML-escaped except dates, bools and numbers), then the app and flow placeholders.
     */
    static String fill(String text, Record record, String appName, String appUrl, Map<String, String> values,
                       boolean html) {
        String out = text;
        if (record != null) {
            for (Field f : record.collection().fields()) {
                String placeholder = "{RECORD:" + f.name() + "}";
                if (f.hidden() || !out.contains(placeholder)) {
                    continue;
                }
                String value = stringValue(record.get(f.name()));
                boolean raw = f instanceof DateField || f instanceof AutodateField || f instanceof BoolField
                        || f instanceof NumberField;
                out = out.replace(placeholder, raw ? value : escape(value));
            }
        }
        out = out.replace("{APP_NAME}", appName).replace("{APP_URL}", appUrl);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String value = e.getKey().equals("ALERT_INFO") ? escape(e.getValue()) : e.getValue();
            out = out.replace("{" + e.getKey() + "}", value);
        }
        return out;
    }

    private static String stringValue(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Double d -> GoFloats.v(d);
            case List<?> l -> String.join(",", l.stream().map(String::valueOf).toList());
            default -> String.valueOf(v);
        };
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** The common wrapper every auth email body goes into. */
    private static String layout(String body) {
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<style>body{font-family:sans-serif;font-size:14px;line-height:1.5;color:#16161a;}"
                + ".btn{display:inline-block;padding:8px 16px;border-radius:4px;background:#16161a;color:#fff;"
                + "text-decoration:none;}</style>\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String text(Object o, String fallback) {
        return o instanceof String s && !s.isEmpty() ? s : fallback;
    }
}
