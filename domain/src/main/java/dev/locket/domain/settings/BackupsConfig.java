package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.cronExpression;
import static dev.locket.domain.settings.Checks.min;
import static dev.locket.domain.settings.Checks.requiredWhen;

import dev.locket.domain.error.ErrorNode;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code backups}: the auto-backup schedule ({@code cron}, empty = off), how many of those backups to
 * keep, and an optional S3 bucket for them.
 */
public record BackupsConfig(String cron, long cronMaxKeep, S3Config s3) {

    public static final BackupsConfig DEFAULTS = new BackupsConfig("", 3, S3Config.DEFAULTS);

    public BackupsConfig {
        cron = Objects.requireNonNullElse(cron, "");
        s3 = Objects.requireNonNullElse(s3, S3Config.DEFAULTS);
    }

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .nested("s3", s3.validate())
                .field("cron", cronExpression(cron))
                .field("cronMaxKeep", requiredWhen(!cron.isEmpty(), cronMaxKeep), min(cronMaxKeep, 1))
                .group();
    }
}
