package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.DataArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The data directory as a zip (admin-and-ops §4): one Deflate entry per regular file, by its
 * path relative to the data directory, leaving out the backups and temporary folders. Both
 * databases are checkpointed and their writes held back while the archive is built.
 */
final class DataDirArchive implements DataArchive {
    static final String TEMP_DIR = ".pb_temp_to_delete";

    private final Path dataDir;
    private final SqliteDatabase main;
    private final SqliteDatabase aux;

    DataDirArchive(Path dataDir, SqliteDatabase main, SqliteDatabase aux) {
        this.dataDir = dataDir;
        this.main = main;
        this.aux = aux;
    }

    @Override
    public void writeZip(OutputStream out, List<String> exclude) throws IOException {
        Set<String> skipped = Set.copyOf(exclude);
        try {
            main.quiesced(() -> aux.quiesced(() -> {
                try {
                    zip(out, skipped);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void zip(OutputStream out, Set<String> skipped) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setMethod(ZipOutputStream.DEFLATED);
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(dataDir) && dir.getParent().equals(dataDir)
                        && skipped.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                boolean topLevelSkipped = file.getParent().equals(dataDir)
                        && skipped.contains(file.getFileName().toString());
                if (attrs.isRegularFile() && !topLevelSkipped) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        for (Path file : files) {
            String name = dataDir.relativize(file).toString().replace('\\', '/');
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(Files.getLastModifiedTime(file));
            zip.putNextEntry(entry);
            Files.copy(file, zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    @Override
    public void restore(InputStream in, List<String> keep) throws IOException {
        Set<String> kept = Set.copyOf(keep);
        Path temp = dataDir.resolve(TEMP_DIR);
        Files.createDirectories(temp);
        Path extracted = Files.createTempDirectory(temp, "pb_restore_");
        try {
            unzip(in, extracted, Limits.forDisk(dataDir));
        } catch (IOException | RuntimeException e) {
            deleteTree(extracted);
            throw e;
        }
        if (!Files.isRegularFile(extracted.resolve("data.db"))) {
            throw new IOException("the backup has no data.db");
        }
        Path old = Files.createTempDirectory(temp, "pb_old_");
        List<Path[]> moved = new ArrayList<>();
        try {
            for (Path p : children(dataDir)) {
                if (!kept.contains(p.getFileName().toString())) {
                    Path target = old.resolve(p.getFileName().toString());
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                    moved.add(new Path[] {target, p});
                }
            }
            for (Path p : children(extracted)) {
                if (!kept.contains(p.getFileName().toString())) {
                    Path target = dataDir.resolve(p.getFileName().toString());
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                    moved.add(new Path[] {target, p});
                }
            }
        } catch (IOException e) {
            // Put everything back where it was, newest move first.
            for (int i = moved.size() - 1; i >= 0; i--) {
                try {
                    Files.move(moved.get(i)[0], moved.get(i)[1], StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /**
     * What a backup may unpack to: a zip bomb (tiny archive, huge or countless entries) is refused before it
     * fills the disk or the inode table, and the half-extracted folder is removed.
     */
    record Limits(long maxEntries, long maxBytes) {
        static final long MAX_ENTRIES = 1_000_000;
        /** Room left for the database to keep working while a restore is unpacked. */
        static final long DISK_MARGIN = 64L * 1024 * 1024;

        static Limits forDisk(Path dir) throws IOException {
            long usable = Files.getFileStore(dir).getUsableSpace();
            return new Limits(MAX_ENTRIES, Math.max(0, usable - DISK_MARGIN));
        }
    }

    static void unzip(InputStream in, Path target, Limits limits) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        long entries = 0;
        long total = 0;
        byte[] buf = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new IOException("the backup holds more than " + limits.maxEntries() + " entries");
                }
                Path dest = root.resolve(e.getName()).normalize();
                if (!dest.startsWith(root) || dest.equals(root)) {
                    throw new IOException("unsafe entry in backup: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                // counted as it inflates: the sizes a zip declares may lie
                try (OutputStream out = Files.newOutputStream(dest)) {
                    int n;
                    while ((n = zip.read(buf)) > 0) {
                        total += n;
                        if (total > limits.maxBytes()) {
                            throw new IOException("the backup unpacks to more than " + limits.maxBytes()
                                    + " bytes (the free disk space)");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the temp folder is cleared again on the next start
        }
    }
}
