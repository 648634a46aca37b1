package dev.locket.application.port.out;

import java.util.Map;

/** Checks an S3 configuration by writing and deleting a small object ({@code POST /api/settings/test/s3}). */
public interface S3Probe {

    /**
     * Uploads then deletes a test object with the given {@code s3} settings object.
     *
     * @throws IllegalStateException carrying the storage error's text when any step fails
     */
    void check(Map<String, Object> s3Settings);
}
