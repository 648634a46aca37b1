package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.requiredWhen;
import static dev.locket.domain.settings.Checks.url;

import dev.locket.domain.error.ErrorNode;
import java.util.Objects;
import java.util.Optional;

/** {@code s3} and {@code backups.s3}: an S3 bucket used instead of the data directory while enabled. */
public record S3Config(boolean enabled, String bucket, String region, String endpoint, String accessKey,
                       Secret secret, boolean forcePathStyle) {

    public static final S3Config DEFAULTS = new S3Config(false, "", "", "", "", Secret.NONE, false);

    public S3Config {
        bucket = Objects.requireNonNullElse(bucket, "");
        region = Objects.requireNonNullElse(region, "");
        endpoint = Objects.requireNonNullElse(endpoint, "");
        accessKey = Objects.requireNonNullElse(accessKey, "");
        secret = Objects.requireNonNullElse(secret, Secret.NONE);
    }

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .field("endpoint", url(endpoint), requiredWhen(enabled, endpoint))
                .field("bucket", requiredWhen(enabled, bucket))
                .field("region", requiredWhen(enabled, region))
                .field("accessKey", requiredWhen(enabled, accessKey))
                .field("secret", requiredWhen(enabled, secret.value()))
                .group();
    }
}
