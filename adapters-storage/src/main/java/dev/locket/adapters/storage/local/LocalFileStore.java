package dev.locket.adapters.storage.local;

import dev.locket.application.port.out.FileStore;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.file.MimeTypes;
import dev.locket.domain.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * Files under {@code <dataDir>/storage} exactly as PocketBase's local blob store keeps them: the file,
 * plus a {@code <name>.attrs} JSON sidecar with the content type, metadata and MD5.
 */
public final class LocalFileStore implements FileStore {
    private static final String ATTRS = ".attrs";
    private static final Pattern CONTENT_TYPE = Pattern.compile("\"user\\.content_type\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path root;

    public LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The prefix of the file an upload is written to before it is moved into place. */
    static final String UPLOAD_PREFIX = ".tmp_";

    /**
     * Removes what uploads interrupted by a crash or kill left behind (their {@code .tmp_*} files are never
     * moved into place and nothing else would ever delete them); answers how many were removed. Only for a
     * server that is starting: a running one may be writing such files.
     */
    /**
     * After a crash: removes the record folders ({@code <collectionId>/<recordId>/}) whose record
     * {@code recordExists} denies. An upload is stored just before its transaction commits (as upstream does), so a
     * kill -9 in between leaves files no record points to and no request can ever reach; answers how many folders
     * were removed. Only for a server that is starting after an unclean stop.
     */
    public int removeOrphanFolders(BiPredicate<String, String> recordExists) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> collections = Files.list(root)) {
            for (Path collection : (Iterable<Path>) collections::iterator) {
                String collectionId = collection.getFileName().toString();
                if (!Files.isDirectory(collection) || !FileKeys.isSafeSegment(collectionId)
                        || collectionId.startsWith(".")) {
                    continue;
                }
                try (Stream<Path> folders = Files.list(collection)) {
                    for (Path folder : (Iterable<Path>) folders::iterator) {
                        String recordId = folder.getFileName().toString();
                        if (Files.isDirectory(folder) && FileKeys.isSafeSegment(recordId)
                                && !recordExists.test(collectionId, recordId)) {
                            deletePrefix(collectionId + "/" + recordId + "/");
                            removed++;
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(LocalFileStore.class.getName()).log(System.Logger.Level.WARNING,
                    "could not check record folders under " + root + ": " + e.getMessage());
        }
        return removed;
    }

    public int removeUploadLeftovers() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.getFileName().toString().startsWith(UPLOAD_PREFIX) && Files.isRegularFile(p)
                        && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(LocalFileStore.class.getName()).log(System.Logger.Level.WARNING,
                    "could not clean interrupted uploads under " + root + ": " + e.getMessage());
        }
        return removed;
    }

    /** The file behind a key; refuses keys whose segments could leave the root. */
    Path resolve(String key) {
        String k = FileKeys.requireSafe(key);
        Path normal = root.resolve(k.endsWith("/") ? k.substring(0, k.length() - 1) : k).normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new IllegalArgumentException("unsafe storage key");
        }
        return normal;
    }

    @Override
    public Optional<StoredFile> stat(String key) {
        Path p;
        try {
            p = resolve(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!a.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(key, a.size(), a.lastModifiedTime().toInstant(), contentType(p)));
    }

    /** The sidecar's content type, else one detected from the first bytes (files copied in by hand). */
    private static String contentType(Path p) {
        Path attrs = p.resolveSibling(p.getFileName() + ATTRS);
        try {
            if (Files.isRegularFile(attrs) && Files.size(attrs) < 1 << 20) {
                Matcher m = CONTENT_TYPE.matcher(Files.readString(attrs, StandardCharsets.UTF_8));
                if (m.find() && !m.group(1).isEmpty()) {
                    return unescape(m.group(1));
                }
            }
            try (InputStream in = Files.newInputStream(p)) {
                byte[] head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
                return MimeTypes.detect(head, head.length);
            }
        } catch (IOException e) {
            return MimeTypes.OCTET_STREAM;
        }
    }

    @Override
    public InputStream open(String key, long offset) {
        Path p;
        try {
            p = resolve(key);
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
        try {
            InputStream in = Files.newInputStream(p);
            if (offset > 0) {
                in.skipNBytes(offset);
            }
            return in;
        } catch (NoSuchFileException e) {
            throw new NotFound();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, InputStream content, long size, String contentType, String originalName) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), UPLOAD_PREFIX, "");
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md5)) {
                    content.transferTo(out);
                }
                Path attrs = target.resolveSibling(target.getFileName() + ATTRS);
                Files.writeString(attrs, attrsJson(contentType, originalName,
                        Base64.getEncoder().encodeToString(md5.digest())), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sidecar as upstream's blob driver writes it. */
    static String attrsJson(String contentType, String originalName, String md5) {
        String metadata = originalName == null || originalName.isEmpty() ? "null"
                : "{\"original-filename\":" + quote(originalName.length() > 255 ? originalName.substring(0, 255)
                : originalName) + "}";
        return "{\"user.cache_control\":\"\",\"user.content_disposition\":\"\",\"user.content_encoding\":\"\","
                + "\"user.content_language\":\"\",\"user.content_type\":" + quote(contentType == null ? "" : contentType)
                + ",\"user.metadata\":" + metadata + ",\"md5\":" + quote(md5) + "}";
    }

    @Override
    public void delete(String key) {
        try {
            Path p = resolve(key);
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + ATTRS));
            pruneEmptyParents(p.getParent());
        } catch (IllegalArgumentException e) {
            // nothing stored under an unsafe key
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        Path dir;
        try {
            dir = resolve(prefix);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
            pruneEmptyParents(dir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes folders left empty up to the root, as upstream's blob store does. */
    private void pruneEmptyParents(Path dir) {
        Path d = dir;
        while (d != null && d.startsWith(root) && !d.equals(root)) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return;
            }
            d = d.getParent();
        }
    }

    /** Go's {@code json.Marshal} spelling of a string, as upstream's blob driver writes its attributes file. */
    private static String quote(String s) {
        return Json.writeGo(s, v -> null);
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        if (i + 4 < s.length()) {
                            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
