package dev.locket.application.port.out;

import dev.locket.domain.settings.S3Config;

/** Checks an S3 configuration by writing and deleting a small object ({@code POST /api/settings/test/s3}). */
public interface S3Probe {

    /**
     * Uploads then deletes a test object in the bucket {@code config} describes.
     *
     * @throws IllegalStateException carrying the storage error's text when any step fails
     */
    void check(S3Config config);
}
