package dev.locket.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Outside programs the end-to-end tests drive (a browser, a reverse proxy, an ACME server), found on the
 * machine or installed from Debian's packages when the tests run as root, so a fresh clone passes with
 * nothing installed beforehand. When a program can be had neither way the test fails with the reason:
 * a test that skipped for a missing component would be green while testing nothing.
 */
final class DebianPackages {
    private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin");

    private DebianPackages() {
    }

    /** The executable {@code command}, installing {@code packages} first if it is missing. */
    static synchronized Path require(String command, String... packages) {
        Path found = find(command);
        if (found != null) {
            return found;
        }
        String why = install(packages);
        found = find(command);
        if (found == null) {
            throw new IllegalStateException("'" + command + "' is needed by this test and could not be installed"
                    + " (apt-get install " + String.join(" ", packages) + "): " + why);
        }
        return found;
    }

    private static Path find(String command) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(DIRS);
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String install(String... packages) {
        if (find("apt-get") == null) {
            return "apt-get is not available";
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        install.addAll(List.of(packages));
        // The package lists of a fresh machine may be missing or stale: refresh once and retry.
        String first = run(install);
        if (first == null) {
            return "installed";
        }
        String update = run(List.of("apt-get", "update", "-q"));
        String second = run(install);
        return second == null ? "installed" : first + "; apt-get update: " + (update == null ? "ok" : update)
                + "; retry: " + second;
    }

    /** Null when the command succeeded, else what went wrong. */
    private static String run(List<String> cmd) {
        try {
            Path log = Files.createTempFile("apt", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", cmd) + " timed out";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(log);
            return String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
