package dev.locket.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses Locket's command line, which mirrors PocketBase's ({@code serve}, {@code superuser …}). */
public final class Cli {
    public static final String DEFAULT_HTTP = "127.0.0.1:8090";
    public static final Path DEFAULT_DIR = Path.of("pb_data");

    private Cli() {
    }

    /** One parsed invocation. */
    public sealed interface Command permits Serve, Superuser, Version, Help, Invalid {
    }

    /**
     * {@code serve [--http HOST:PORT] [--dir DATA_DIR] [--encryptionEnv NAME]}; {@code encryptionEnv} names
     * the environment variable holding the settings encryption key ("" for none).
     */
    public record Serve(String host, int port, Path dir, String encryptionEnv) implements Command {
    }

    /** {@code superuser upsert|create|update|delete EMAIL [PASSWORD] [--dir DATA_DIR] [--encryptionEnv NAME]}. */
    public record Superuser(Action action, String email, Optional<String> password, Path dir, String encryptionEnv)
            implements Command {
    }

    /** What a {@code superuser} command does. */
    public enum Action { UPSERT, CREATE, UPDATE, DELETE }

    /** {@code --version}. */
    public record Version() implements Command {
    }

    /** {@code --help}, {@code help} or no arguments. */
    public record Help() implements Command {
    }

    /** Arguments that do not form a command; {@code reason} is shown with the usage. */
    public record Invalid(String reason) implements Command {
    }

    public static Command parse(String... args) {
        List<String> positional = new ArrayList<>();
        String http = DEFAULT_HTTP;
        Path dir = DEFAULT_DIR;
        String encryptionEnv = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String inlineValue = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inlineValue = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--version", "-v" -> {
                    return new Version();
                }
                case "--help", "-h" -> {
                    return new Help();
                }
                case "--http", "--dir", "--encryptionEnv" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return new Invalid("missing value for " + a);
                        }
                        value = args[++i];
                    }
                    switch (a) {
                        case "--http" -> http = value;
                        case "--dir" -> dir = Path.of(value);
                        default -> encryptionEnv = value;
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        return new Invalid("unknown flag " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty() || positional.getFirst().equals("help")) {
            return new Help();
        }
        return switch (positional.getFirst()) {
            case "serve" -> serve(positional, http, dir, encryptionEnv);
            case "superuser" -> superuser(positional, dir, encryptionEnv);
            default -> new Invalid("unknown command " + positional.getFirst());
        };
    }

    private static Command serve(List<String> positional, String http, Path dir, String encryptionEnv) {
        if (positional.size() > 1) {
            return new Invalid("serve takes no arguments besides flags");
        }
        int colon = http.lastIndexOf(':');
        if (colon <= 0 || colon == http.length() - 1) {
            return new Invalid("--http needs HOST:PORT, got " + http);
        }
        try {
            int port = Integer.parseInt(http.substring(colon + 1));
            if (port < 0 || port > 65535) {
                return new Invalid("port out of range: " + port);
            }
            return new Serve(http.substring(0, colon), port, dir, encryptionEnv);
        } catch (NumberFormatException e) {
            return new Invalid("--http needs HOST:PORT, got " + http);
        }
    }

    private static Command superuser(List<String> positional, Path dir, String encryptionEnv) {
        if (positional.size() < 3) {
            return new Invalid("superuser needs an action and an email");
        }
        Action action;
        try {
            action = Action.valueOf(positional.get(1).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new Invalid("unknown superuser action " + positional.get(1));
        }
        String email = positional.get(2);
        Optional<String> password = positional.size() > 3 ? Optional.of(positional.get(3)) : Optional.empty();
        if (positional.size() > 4) {
            return new Invalid("too many arguments");
        }
        if (action != Action.DELETE && password.isEmpty()) {
            return new Invalid("superuser " + positional.get(1) + " needs EMAIL and PASSWORD");
        }
        return new Superuser(action, email, password, dir, encryptionEnv);
    }

    public static String usage() {
        return """
                Locket — a PocketBase-compatible backend in one jar.

                Usage:
                  java -jar locket.jar serve [--http HOST:PORT] [--dir DATA_DIR] [--encryptionEnv NAME]
                  java -jar locket.jar superuser upsert|create|update EMAIL PASSWORD [--dir DATA_DIR]
                  java -jar locket.jar superuser delete EMAIL [--dir DATA_DIR]
                  java -jar locket.jar --version
                  java -jar locket.jar --help

                --encryptionEnv NAME: the environment variable whose 32-character value encrypts
                the stored settings (AES-256-GCM, as PocketBase does); default none.
                Defaults: --http %s, --dir ./pb_data
                """.formatted(DEFAULT_HTTP);
    }
}
