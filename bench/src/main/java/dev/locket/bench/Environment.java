package dev.locket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the builds that a figure is only meaningful with (WORKLOAD §8). */
public final class Environment {

    private Environment() {
    }

    public static Map<String, Object> capture(Path projectRoot, Path serverJava, Path workDir) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("harnessJvm", System.getProperty("java.vm.name") + " " + Runtime.version());
        env.put("harnessJvmArgs", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        env.put("harnessMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("serverJava", serverJava.toString());
        env.put("serverJvm", firstLine(run(List.of(serverJava.toString(), "-version"))));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpuModel", cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("memTotal", procLine(Path.of("/proc/meminfo"), "MemTotal"));
        env.put("loadAverageAtStart", loadAverage());
        env.put("ip_local_port_range", read(Path.of("/proc/sys/net/ipv4/ip_local_port_range")));
        env.put("tcp_tw_reuse", read(Path.of("/proc/sys/net/ipv4/tcp_tw_reuse")));
        env.put("workDir", workDir.toString());
        env.put("workDirFilesystem", filesystemOf(workDir));
        env.put("serverCommit", firstLine(run(List.of("git", "-C", projectRoot.toString(), "rev-parse", "HEAD"))));
        env.put("serverTreeDirty", !run(List.of("git", "-C", projectRoot.toString(), "status", "--porcelain",
                "--untracked-files=no")).isBlank());
        return env;
    }

    /** /proc/loadavg: other work on the same cores distorts every figure, so it is recorded. */
    public static String loadAverage() {
        return read(Path.of("/proc/loadavg"));
    }

    static String cpuModel() {
        String model = procLine(Path.of("/proc/cpuinfo"), "model name");
        return model.isEmpty() ? System.getProperty("os.arch") : model;
    }

    private static String procLine(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static String read(Path file) {
        try {
            // procfs files report size 0, so read the stream to its end rather than by size.
            try (var in = Files.newInputStream(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().replaceAll("\\s+", " ");
            }
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The type of the longest mount point containing {@code dir} (tmpfs vs disk matters for SQLite). */
    private static String filesystemOf(Path dir) {
        String best = "";
        String type = "unknown";
        String abs = dir.toAbsolutePath().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] parts = line.split(" ");
                if (parts.length > 2 && (abs.equals(parts[1]) || abs.startsWith(parts[1].endsWith("/")
                        ? parts[1] : parts[1] + "/")) && parts[1].length() > best.length()) {
                    best = parts[1];
                    type = parts[2] + " (" + parts[0] + " on " + parts[1] + ")";
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return type;
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out.trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
