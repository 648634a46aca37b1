package dev.locket.adapters.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Points sqlite-jdbc at its native library kept in one place across starts. Left to itself the driver
 * probes the OS by running {@code uname -o} and extracts a fresh copy of the library on every start,
 * about 0.2 s of a server start of ~1 s. Only the platforms whose folder in the driver's jar is certain
 * from {@code os.name}/{@code os.arch} are taken this way (not musl, whose libc Java cannot tell); anything
 * else, a user's own {@code org.sqlite.lib.path}, or any failure leaves the driver's own loader in charge.
 */
final class NativeLibrary {
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";
    private static boolean prepared;

    private NativeLibrary() {
    }

    /** Before the first connection; idempotent. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
            return;
        }
        String folder = folder(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (folder == null || folder.startsWith("Linux/") && musl()) {
            return;
        }
        String name = folder.startsWith("Windows/") ? "sqlitejdbc.dll"
                : folder.startsWith("Mac/") ? "libsqlitejdbc.dylib" : "libsqlitejdbc.so";
        try {
            Path lib = extracted(folder, name);
            if (lib != null) {
                System.setProperty(PATH, lib.getParent().toString());
                System.setProperty(NAME, name);
            }
        } catch (IOException | RuntimeException e) {
            // the driver extracts it itself, as without this class
        }
    }

    /** The driver's folder under {@code org/sqlite/native} for this OS and CPU; null when not certain. */
    static String folder(String osName, String osArch) {
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return null;
        }
        if (osName.startsWith("Linux")) {
            return "Linux/" + arch;
        }
        if (osName.startsWith("Mac")) {
            return "Mac/" + arch;
        }
        if (osName.startsWith("Windows")) {
            return "Windows/" + arch;
        }
        return null;
    }

    static boolean musl() {
        try (var entries = Files.list(Path.of("/lib"))) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException | RuntimeException e) {
            return true; // unsure: the driver decides
        }
    }

    /**
     * The library copied once per driver version and size into the user's cache directory (not the shared temp
     * dir, where another user could plant a library under the expected name); null when the driver's jar lacks
     * it or there is no home to cache in.
     */
    private static Path extracted(String folder, String name) throws IOException {
        String resource = "/org/sqlite/native/" + folder + "/" + name;
        var url = org.sqlite.SQLiteJDBCLoader.class.getResource(resource);
        if (url == null) {
            return null;
        }
        long size = url.openConnection().getContentLengthLong();
        String version = org.sqlite.SQLiteJDBCLoader.getVersion();
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache");
        if (cache == null) {
            return null;
        }
        Path dir = cache.resolve("locket").resolve("sqlite-" + version + "-" + folder.replace('/', '-') + "-" + size);
        Path lib = dir.resolve(name);
        if (Files.isRegularFile(lib) && Files.size(lib) == size && Files.isReadable(lib)) {
            return lib;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, name, ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return lib;
    }
}
