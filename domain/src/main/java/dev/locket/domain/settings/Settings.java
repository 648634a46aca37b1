package dev.locket.domain.settings;

import dev.locket.domain.error.ErrorNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PocketBase's application settings: an immutable tree whose sections are ordered and named as
 * upstream's settings object (its JSON keys are the component names). {@link #validate()} answers
 * upstream's validation errors; the {@code with…} methods answer a changed copy.
 *
 * @param superuserIPs IPs and CIDR ranges superusers may call the API from (empty: anywhere)
 */
public record Settings(List<String> superuserIPs, SmtpConfig smtp, BackupsConfig backups, S3Config s3,
                       MetaConfig meta, RateLimitsConfig rateLimits, TrustedProxyConfig trustedProxy,
                       BatchConfig batch, LogsConfig logs) {

    private static final Settings DEFAULTS = new Settings(List.of(), SmtpConfig.DEFAULTS, BackupsConfig.DEFAULTS,
            S3Config.DEFAULTS, MetaConfig.DEFAULTS, RateLimitsConfig.DEFAULTS, TrustedProxyConfig.DEFAULTS,
            BatchConfig.DEFAULTS, LogsConfig.DEFAULTS);

    public Settings {
        superuserIPs = List.copyOf(Objects.requireNonNullElse(superuserIPs, List.of()));
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(trustedProxy, "trustedProxy");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(logs, "logs");
    }

    /** The settings of a fresh data directory (upstream's defaults). */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /**
     * The validation errors of these settings keyed by section (nested like the settings, list
     * entries keyed by index, keys sorted); empty when the settings may be saved.
     */
    public Map<String, ErrorNode> validate() {
        return new Checks.Errors()
                .nested("superuserIPs", Checks.ipList(superuserIPs))
                .nested("meta", meta.validate())
                .nested("logs", logs.validate())
                .nested("smtp", smtp.validate())
                .nested("s3", s3.validate())
                .nested("backups", backups.validate())
                .nested("batch", batch.validate())
                .nested("rateLimits", rateLimits.validate())
                .map();
    }

    public Settings withSuperuserIPs(List<String> value) {
        return new Settings(value, smtp, backups, s3, meta, rateLimits, trustedProxy, batch, logs);
    }

    public Settings withSmtp(SmtpConfig value) {
        return new Settings(superuserIPs, value, backups, s3, meta, rateLimits, trustedProxy, batch, logs);
    }

    public Settings withBackups(BackupsConfig value) {
        return new Settings(superuserIPs, smtp, value, s3, meta, rateLimits, trustedProxy, batch, logs);
    }

    public Settings withS3(S3Config value) {
        return new Settings(superuserIPs, smtp, backups, value, meta, rateLimits, trustedProxy, batch, logs);
    }

    public Settings withMeta(MetaConfig value) {
        return new Settings(superuserIPs, smtp, backups, s3, value, rateLimits, trustedProxy, batch, logs);
    }

    public Settings withRateLimits(RateLimitsConfig value) {
        return new Settings(superuserIPs, smtp, backups, s3, meta, value, trustedProxy, batch, logs);
    }

    public Settings withTrustedProxy(TrustedProxyConfig value) {
        return new Settings(superuserIPs, smtp, backups, s3, meta, rateLimits, value, batch, logs);
    }

    public Settings withBatch(BatchConfig value) {
        return new Settings(superuserIPs, smtp, backups, s3, meta, rateLimits, trustedProxy, value, logs);
    }

    public Settings withLogs(LogsConfig value) {
        return new Settings(superuserIPs, smtp, backups, s3, meta, rateLimits, trustedProxy, batch, value);
    }
}
