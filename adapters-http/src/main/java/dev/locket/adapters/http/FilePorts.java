package dev.locket.adapters.http;

import dev.locket.application.port.in.file.CreateFileToken;
import dev.locket.application.port.in.file.DownloadFile;
import dev.locket.application.port.in.file.TestS3;
import dev.locket.application.port.in.file.UploadLimits;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.NotFound;
import java.util.Objects;

/** The file use cases the REST API calls: downloads, file tokens, the S3 test and upload allowances. */
public record FilePorts(DownloadFile download, CreateFileToken token, TestS3 testS3, UploadLimits limits) {
    public FilePorts {
        Objects.requireNonNull(download);
        Objects.requireNonNull(token);
        Objects.requireNonNull(testS3);
        Objects.requireNonNull(limits);
    }

    /** No file support wired (tests of other routes): downloads 404, uploads get no extra allowance. */
    public static FilePorts none() {
        return new FilePorts(q -> {
            throw new NotFound();
        }, r -> {
            throw new NotFound();
        }, (fs, r) -> {
            throw new BadRequest("Failed to test the S3 filesystem.");
        }, c -> 0L);
    }
}
