package dev.locket.adapters.storage.s3;

import dev.locket.application.port.out.FileStore;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.settings.S3Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files as objects of one bucket, keyed like the local layout; content type and the
 * {@code original-filename} metadata are set on each object (files.md §7).
 */
public final class S3FileStore implements FileStore, AutoCloseable {
    private static final long IN_MEMORY_PUT_LIMIT = 1 << 20;
    private final S3Client client;
    private final String bucket;

    public S3FileStore(S3Config config) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region().isEmpty() ? "us-east-1" : config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secret().value())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.forcePathStyle()).build())
                // files.md §7: objects are read as stored (no transparent decompression by the server)
                .overrideConfiguration(o -> o.putHeader("Accept-Encoding", "identity"));
        if (!config.endpoint().isEmpty()) {
            String endpoint = config.endpoint().contains("://") ? config.endpoint() : "https://" + config.endpoint();
            builder.endpointOverride(URI.create(endpoint));
        }
        this.client = builder.build();
        this.bucket = config.bucket();
    }

    private static String checked(String key) {
        return FileKeys.requireSafe(key);
    }

    /** Some S3 servers drop the space after {@code ;} in parameters; served types match the local store's. */
    @Override
    public Optional<StoredFile> stat(String key) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(checked(key)));
            return Optional.of(new StoredFile(key, head.contentLength(), head.lastModified(),
                    head.contentType() == null ? "" : head.contentType().replaceAll(";\\s*", "; ")));
        } catch (IllegalArgumentException | NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String key, long offset) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(b -> {
                b.bucket(bucket).key(checked(key));
                if (offset > 0) {
                    b.range("bytes=" + offset + "-");
                }
            });
            return in;
        } catch (IllegalArgumentException | NoSuchKeyException e) {
            throw new NotFound();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound();
            }
            throw e;
        }
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType, String originalName) {
        Map<String, String> metadata = new HashMap<>();
        if (originalName != null && !originalName.isEmpty()) {
            metadata.put("original-filename", originalName.length() > 255 ? originalName.substring(0, 255) : originalName);
        }
        String k = checked(key);
        // The SDK re-sends the body when it retries a failed attempt, and a plain stream cannot be rewound
        // ("mark/reset not supported"): small bodies go from memory, the rest from a spooled temp file.
        if (size >= 0 && size <= IN_MEMORY_PUT_LIMIT) {
            byte[] bytes;
            try {
                bytes = content.readNBytes((int) size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client.putObject(b -> b.bucket(bucket).key(k).contentType(contentType).metadata(metadata),
                    RequestBody.fromBytes(bytes));
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("locket-s3-", ".part");
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            Path file = tmp;
            client.putObject(b -> b.bucket(bucket).key(k).contentType(contentType).metadata(metadata),
                    RequestBody.fromFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(checked(key)));
        } catch (IllegalArgumentException | NoSuchKeyException e) {
            // nothing to delete
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        String p = checked(prefix);
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(bucket).prefix(p).continuationToken(t));
            List<ObjectIdentifier> ids = new ArrayList<>();
            for (S3Object o : page.contents()) {
                ids.add(ObjectIdentifier.builder().key(o.key()).build());
            }
            if (!ids.isEmpty()) {
                client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).build()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    /** Every object whose key starts with {@code prefix} ("" for the whole bucket), in key order. */
    public List<StoredFile> list(String prefix) {
        List<StoredFile> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(t));
            for (S3Object o : page.contents()) {
                out.add(new StoredFile(o.key(), o.size(), o.lastModified(), ""));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
