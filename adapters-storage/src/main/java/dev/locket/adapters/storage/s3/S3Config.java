package dev.locket.adapters.storage.s3;

import java.util.Map;

/** One S3 connection as the {@code s3} settings object describes it. */
public record S3Config(boolean enabled, String endpoint, String region, String bucket, boolean forcePathStyle,
                       String accessKey, String secret) {

    /** Reads the settings object (missing keys count as empty/false). */
    public static S3Config from(Map<?, ?> s3) {
        if (s3 == null) {
            return new S3Config(false, "", "", "", false, "", "");
        }
        return new S3Config(Boolean.TRUE.equals(s3.get("enabled")), text(s3.get("endpoint")), text(s3.get("region")),
                text(s3.get("bucket")), Boolean.TRUE.equals(s3.get("forcePathStyle")), text(s3.get("accessKey")),
                text(s3.get("secret")));
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public String toString() {
        // the secret never reaches logs
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
