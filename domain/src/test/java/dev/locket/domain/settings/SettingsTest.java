package dev.locket.domain.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static ErrorNode node(Map<String, ErrorNode> errors, String... path) {
        ErrorNode cur = new ErrorGroup(errors);
        for (String p : path) {
            cur = ((ErrorGroup) cur).children().get(p);
        }
        return cur;
    }

    private static String code(Map<String, ErrorNode> errors, String... path) {
        return ((FieldError) node(errors, path)).code();
    }

    private static Map<String, ErrorNode> errors(Optional<ErrorNode> group) {
        return group.map(g -> ((ErrorGroup) g).children()).orElse(Map.of());
    }

    private static RateLimitRule rule(String label, String audience) {
        return new RateLimitRule(label, audience, 1, 1);
    }

    private static Map<String, ErrorNode> rateLimitErrors(boolean enabled, RateLimitRule... rules) {
        return errors(new RateLimitsConfig(List.of(rules), List.of(), enabled).validate());
    }

    @Test
    void upstreamsDefaultsAreValid() {
        Settings d = Settings.defaults();
        assertEquals(Map.of(), d.validate());
        assertEquals("Acme", d.meta().appName());
        assertEquals("#1055c9", d.meta().accentColor());
        assertEquals(587, d.smtp().port());
        assertEquals(3, d.backups().cronMaxKeep());
        assertTrue(d.logs().logIP());
        assertEquals(50, d.batch().maxRequests());
        assertEquals(4, d.rateLimits().rules().size());
        assertEquals(new RateLimitRule("*:auth", "", 3, 2), d.rateLimits().rules().getFirst());
    }

    @Test
    void everySectionIsValidatedAndErrorsNestLikeTheSettingsWithSortedKeys() {
        S3Config s3 = new S3Config(true, "", "", "http://s3.local", "", Secret.NONE, false);
        Settings bad = Settings.defaults()
                .withMeta(new MetaConfig("#1055c9", "", "not a url", "Support", "nope", false))
                .withSmtp(new SmtpConfig(true, 587, "", "", Secret.NONE, "CRAM", false, ""))
                .withS3(s3)
                .withBatch(new BatchConfig(false, 50, 3, -1))
                .withLogs(new LogsConfig(-2, 0, true, false))
                .withBackups(new BackupsConfig("61 * * * *", 3, S3Config.DEFAULTS))
                .withSuperuserIPs(List.of("10.0.0.0/8", "", "nope"));
        Map<String, ErrorNode> errors = bad.validate();
        assertEquals(List.of("backups", "batch", "logs", "meta", "s3", "smtp", "superuserIPs"),
                new ArrayList<>(errors.keySet()));
        assertEquals("validation_required", code(errors, "meta", "appName"));
        assertEquals("validation_is_url", code(errors, "meta", "appURL"));
        assertEquals("validation_is_email", code(errors, "meta", "senderAddress"));
        assertEquals("validation_required", code(errors, "smtp", "host"));
        assertEquals("validation_in_invalid", code(errors, "smtp", "authMethod"));
        assertEquals("validation_required", code(errors, "s3", "bucket"));
        assertEquals("validation_required", code(errors, "s3", "secret"));
        assertEquals("validation_min_greater_equal_than_required", code(errors, "batch", "maxBodySize"));
        assertEquals("validation_min_greater_equal_than_required", code(errors, "logs", "maxDays"));
        assertEquals("validation_invalid_cron", code(errors, "backups", "cron"));
        assertEquals("validation_required", code(errors, "superuserIPs", "1"));
        assertEquals("validation_invlaid_ip_or_subnet", code(errors, "superuserIPs", "2"));
        assertEquals("Invalid IP or CIDR subnet.", ((FieldError) node(errors, "superuserIPs", "2")).message());
    }

    @Test
    void metaZeroValuesNeedTheirRequiredFields() {
        Map<String, ErrorNode> errors = errors(new MetaConfig("", "", "", "", "", false).validate());
        assertEquals(List.of("appName", "appURL", "senderAddress", "senderName"), new ArrayList<>(errors.keySet()));
        errors.values().forEach(e -> assertEquals("validation_required", ((FieldError) e).code()));
    }

    @Test
    void metaValuesAreCheckedForLengthUrlEmailAndColour() {
        String long300 = "a".repeat(300);
        Map<String, ErrorNode> errors = errors(new MetaConfig("#fff", long300, "test", long300, "invalid_email", false)
                .validate());
        assertEquals(5, errors.size());
        FieldError accent = (FieldError) errors.get("accentColor");
        assertEquals("validation_length_invalid", accent.code());
        assertEquals("The length must be exactly 7.", accent.message());
        assertEquals(Map.of("max", 7, "min", 7), accent.params());
        FieldError name = (FieldError) errors.get("appName");
        assertEquals("validation_length_out_of_range", name.code());
        assertEquals("The length must be between 1 and 255.", name.message());
        assertEquals("validation_is_url", ((FieldError) errors.get("appURL")).code());
        assertEquals("validation_is_email", ((FieldError) errors.get("senderAddress")).code());
        assertEquals("validation_is_hex_color",
                ((FieldError) errors(new MetaConfig("#12345g", "a", "https://example.com", "a", "a@b.co", false)
                        .validate()).get("accentColor")).code());
        assertEquals(Map.of(), errors(new MetaConfig("#ffffff", "test", "https://example.com", "test",
                "test@example.com", false).validate()));
    }

    @Test
    void smtpS3BatchAndBackupsRequireTheirFieldsOnlyWhenSwitchedOn() {
        assertEquals(Map.of(), errors(new SmtpConfig(false, 0, "", "", Secret.NONE, "", false, "").validate()));
        assertEquals(Map.of(), errors(new S3Config(false, "", "", "", "", Secret.NONE, false).validate()));
        assertEquals(Map.of(), errors(new BatchConfig(false, 0, 0, 0).validate()));
        assertEquals(Map.of(), errors(new BackupsConfig("", 0, S3Config.DEFAULTS).validate()));

        Map<String, ErrorNode> smtp = errors(new SmtpConfig(true, 0, "", "", Secret.NONE, "", false, "").validate());
        assertEquals(List.of("host", "port"), new ArrayList<>(smtp.keySet()));
        Map<String, ErrorNode> badHost = errors(new SmtpConfig(false, -1, "not a host!", "", Secret.NONE, "PLAIN",
                false, "also bad!").validate());
        assertEquals("validation_is_host", ((FieldError) badHost.get("host")).code());
        assertEquals("Must be a valid IP address or DNS name.", ((FieldError) badHost.get("localName")).message());
        assertEquals("validation_min_greater_equal_than_required", ((FieldError) badHost.get("port")).code());

        Map<String, ErrorNode> s3 = errors(new S3Config(true, "", "", "", "", Secret.NONE, false).validate());
        assertEquals(List.of("accessKey", "bucket", "endpoint", "region", "secret"), new ArrayList<>(s3.keySet()));
        assertEquals("validation_is_url", ((FieldError) errors(new S3Config(false, "", "", "not a url!", "",
                Secret.NONE, false).validate()).get("endpoint")).code());

        Map<String, ErrorNode> batch = errors(new BatchConfig(true, -1, -1, 0).validate());
        assertEquals("validation_min_greater_equal_than_required", ((FieldError) batch.get("maxRequests")).code());
        assertEquals("validation_required", ((FieldError) errors(new BatchConfig(true, 0, 1, 0).validate())
                .get("maxRequests")).code());

        Map<String, ErrorNode> backups = errors(new BackupsConfig("* * * * *", 0, S3Config.DEFAULTS).validate());
        assertEquals("validation_required", ((FieldError) backups.get("cronMaxKeep")).code());
        FieldError keep = (FieldError) errors(new BackupsConfig("", -10, S3Config.DEFAULTS).validate())
                .get("cronMaxKeep");
        assertEquals("Must be no less than 1.", keep.message());
        assertEquals(Map.of("threshold", 1L), keep.params());
    }

    @Test
    void rateLimitRulesAreCheckedForLabelsAudiencesAndLimits() {
        Map<String, ErrorNode> bad = rateLimitErrors(false, new RateLimitRule("not valid!", "@who", 0, -3));
        assertEquals("validation_match_invalid", code(bad, "rules", "0", "label"));
        assertEquals("validation_in_invalid", code(bad, "rules", "0", "audience"));
        assertEquals("validation_required", code(bad, "rules", "0", "duration"));
        assertEquals("validation_min_greater_equal_than_required", code(bad, "rules", "0", "maxRequests"));

        assertEquals("validation_required", code(rateLimitErrors(true), "rules"));
        assertEquals(Map.of(), rateLimitErrors(false));

        // one label for guests and one for authenticated users is fine; so are all label formats
        assertEquals(Map.of(), rateLimitErrors(true, rule("/api/", "@guest"), rule("/api/", "@auth"),
                rule("POST /api/collections/", ""), rule("users:auth", ""), rule("*:create", ""),
                rule("mytag", "")));
    }

    @Test
    void onlyTheFirstConflictingRateLimitRuleIsReported() {
        Map<String, ErrorNode> conflict = rateLimitErrors(false, rule("/api/", "@guest"), rule("/api/", "@auth"),
                rule("/api/", ""), rule("/api/", ""));
        FieldError error = (FieldError) node(conflict, "rules", "2", "label");
        assertEquals("validation_conflicting_rate_limit_rule", error.code());
        assertEquals("Rate limit rule configuration with label /api/ already exists or conflicts with another rule.",
                error.message());
        assertEquals(Map.of("label", "/api/"), error.params());
        assertEquals(List.of("2"), new ArrayList<>(((ErrorGroup) node(conflict, "rules")).children().keySet()));
    }

    @Test
    void aStoredRuleThatWouldFailValidationStillApplies() {
        // upstream looks rules up as stored: a hand-written maxRequests 0 rule matches (and then refuses every
        // request); its own API tests rely on that
        RateLimitsConfig limits = new RateLimitsConfig(List.of(new RateLimitRule("abc", "", 3, 100),
                new RateLimitRule("users:file", "", 0, 0)), List.of(), true);
        assertEquals(Optional.of(new RateLimitRule("users:file", "", 0, 0)),
                limits.find(List.of("users:file", "*:file"), RateLimitRule.GUEST));
    }

    @Test
    void excludedIpsMustBeIpsOrSubnets() {
        Map<String, ErrorNode> errors = errors(new RateLimitsConfig(List.of(), List.of("127.0.0.1", "::1",
                "10.0.0.0/8", "fd00::/8", "", "010.0.0.1", "10.0.0.0/33"), false).validate());
        assertEquals(List.of("4", "5", "6"), new ArrayList<>(((ErrorGroup) errors.get("excludedIPs")).children()
                .keySet()));
    }

    @Test
    void aSecretNeverShowsInText() {
        SmtpConfig smtp = new SmtpConfig(true, 25, "h", "u", Secret.of("hunter2"), "", false, "");
        assertTrue(!smtp.toString().contains("hunter2"), smtp.toString());
        assertEquals("hunter2", smtp.password().value());
    }

    @Test
    void missingPartsBecomeEmptyValuesNotNulls() {
        MetaConfig meta = new MetaConfig(null, null, null, null, null, false);
        assertEquals("", meta.appName());
        assertEquals(Secret.NONE, new S3Config(false, null, null, null, null, null, false).secret());
        assertEquals(List.of(), new Settings(null, SmtpConfig.DEFAULTS, BackupsConfig.DEFAULTS, S3Config.DEFAULTS,
                MetaConfig.DEFAULTS, RateLimitsConfig.DEFAULTS, TrustedProxyConfig.DEFAULTS, BatchConfig.DEFAULTS,
                LogsConfig.DEFAULTS).superuserIPs());
    }
}
