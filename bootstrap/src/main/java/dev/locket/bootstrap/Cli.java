package dev.locket.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses Locket's command line, which mirrors PocketBase's ({@code serve}, {@code superuser …}) with its
 * flags, spellings ({@code --flag value}, {@code --flag=value}, bare booleans) and defaults.
 */
public final class Cli {
    public static final String DEFAULT_HTTP = "127.0.0.1:8090";
    /** With domain arguments upstream listens on every interface, plain HTTP only redirecting to HTTPS. */
    public static final String DOMAIN_HTTP = "0.0.0.0:80";
    public static final String DOMAIN_HTTPS = "0.0.0.0:443";
    /** Upstream's {@code core.DefaultQueryTimeout}. */
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

    private Cli() {
    }

    /** One parsed invocation. */
    public sealed interface Command permits Serve, Superuser, Migrate, Version, Help, Invalid {
    }

    /**
     * The flags every command shares (upstream's root flags): the data directory, dev mode, the query
     * budget, the name of the environment variable holding the settings encryption key ("" for none), where
     * hooks and migrations live, and whether a collection change writes a snapshot migration
     * ({@code --automigrate}; on by default with {@code --dev}).
     */
    public record Global(Path dir, boolean dev, Duration queryTimeout, String encryptionEnv,
                         Path hooksDir, Path migrationsDir, boolean automigrate) {
    }

    /**
     * {@code serve [domain(s)] [--http ADDR] [--https ADDR] [--origins LIST] [--publicDir DIR]
     * [--indexFallback]}: {@code https} is null for plain HTTP; with it, {@code http} only redirects to HTTPS.
     */
    public record Serve(Global global, List<String> domains, Address http, Address https, List<String> origins,
                        Path publicDir, boolean indexFallback) implements Command {
        public Serve {
            domains = List.copyOf(domains);
            origins = List.copyOf(origins);
        }

        public Path dir() {
            return global.dir();
        }
    }

    /** A listen address {@code HOST:PORT}; an empty host means every interface, as in Go. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** {@code superuser upsert|create|update|delete|otp EMAIL [PASSWORD]}. */
    public record Superuser(Global global, Action action, String email, Optional<String> password)
            implements Command {
        public Path dir() {
            return global.dir();
        }
    }

    /**
     * {@code migrate up|down [n]|create NAME|collections|history-sync}, upstream's migratecmd; {@code count}
     * is how many {@code down} reverts (default 1), {@code name} what {@code create} names the file.
     */
    public record Migrate(Global global, MigrateAction action, int count, String name) implements Command {
    }

    /** What a {@code migrate} command does. */
    public enum MigrateAction { UP, DOWN, CREATE, COLLECTIONS, HISTORY_SYNC }

    /** What a {@code superuser} command does. */
    public enum Action { UPSERT, CREATE, UPDATE, DELETE, OTP }

    /** {@code --version}. */
    public record Version() implements Command {
    }

    /** {@code --help}, {@code help} or no arguments. */
    public record Help() implements Command {
    }

    /** Arguments that do not form a command; {@code reason} is shown with the usage. */
    public record Invalid(String reason) implements Command {
    }

    /** Parses with the defaults of {@code java -jar locket.jar}: data beside the jar (see {@link DefaultDirs}). */
    public static Command parse(String... args) {
        return parse(DefaultDirs.base(), args);
    }

    /**
     * Parses {@code args}; {@code base} is where the default {@code pb_data} lives (upstream: the folder
     * of the executable).
     */
    public static Command parse(Path base, String... args) {
        Flags f = new Flags(base);
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "version", "v" -> {
                    return new Version();
                }
                case "help", "h" -> {
                    return new Help();
                }
                case "dev", "indexFallback", "automigrate" -> {
                    Boolean value = inline == null ? Boolean.TRUE : parseBool(inline);
                    if (value == null) {
                        return new Invalid("invalid argument \"" + inline + "\" for --" + name
                                + " (a boolean: true or false)");
                    }
                    if (name.equals("dev")) {
                        f.dev = value;
                    } else if (name.equals("automigrate")) {
                        f.automigrate = value;
                    } else {
                        f.indexFallback = value;
                    }
                }
                case "http", "https", "dir", "origins", "publicDir", "encryptionEnv", "queryTimeout", "hooksDir",
                     "migrationsDir" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return new Invalid("flag needs an argument: --" + name);
                        }
                        value = args[++i];
                    }
                    String problem = f.set(name, value);
                    if (problem != null) {
                        return new Invalid(problem);
                    }
                }
                default -> {
                    return new Invalid("unknown flag: " + a);
                }
            }
        }
        if (positional.isEmpty() || positional.getFirst().equals("help")) {
            return new Help();
        }
        return switch (positional.getFirst()) {
            case "serve" -> f.serve(positional.subList(1, positional.size()));
            case "superuser" -> f.superuser(positional);
            case "migrate" -> f.migrate(positional.subList(1, positional.size()));
            default -> new Invalid("unknown command " + positional.getFirst());
        };
    }

    /** Go's {@code strconv.ParseBool}, which pflag uses for boolean flags; null when not a boolean. */
    private static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The flags seen so far; unset ones take upstream's defaults when the command is built. */
    private static final class Flags {
        private final Path base;
        private String http;
        private String https;
        private Path dir;
        private Path publicDir;
        private Path hooksDir;
        private Path migrationsDir;
        private List<String> origins;
        private boolean dev;
        private Boolean automigrate;
        private boolean indexFallback = true;
        private int queryTimeout = DEFAULT_QUERY_TIMEOUT_SECONDS;
        private String encryptionEnv = "";

        Flags(Path base) {
            this.base = base;
        }

        /** Null when accepted, else the reason. */
        String set(String name, String value) {
            switch (name) {
                case "http" -> http = value;
                case "https" -> https = value;
                case "dir" -> dir = Path.of(value);
                case "publicDir" -> publicDir = Path.of(value);
                case "hooksDir" -> hooksDir = Path.of(value);
                case "migrationsDir" -> migrationsDir = Path.of(value);
                case "encryptionEnv" -> encryptionEnv = value;
                case "origins" -> {
                    // a string slice in pflag: comma separated, and a repeated flag adds to the list
                    if (origins == null) {
                        origins = new ArrayList<>();
                    }
                    for (String o : value.split(",", -1)) {
                        if (!o.isBlank()) {
                            origins.add(o.trim());
                        }
                    }
                }
                case "queryTimeout" -> {
                    try {
                        queryTimeout = Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        return "invalid argument \"" + value + "\" for --queryTimeout (whole seconds)";
                    }
                }
                default -> throw new IllegalArgumentException(name);
            }
            return null;
        }

        Global global() {
            Path d = dir != null ? dir : base.resolve("pb_data");
            // upstream's core falls back to its default for a zero or negative timeout
            int seconds = queryTimeout > 0 ? queryTimeout : DEFAULT_QUERY_TIMEOUT_SECONDS;
            Path beside = DefaultDirs.beside(d);
            return new Global(d, dev, Duration.ofSeconds(seconds), encryptionEnv,
                    hooksDir != null ? hooksDir : beside.resolve("pb_hooks"),
                    migrationsDir != null ? migrationsDir : beside.resolve("pb_migrations"),
                    automigrate != null ? automigrate : dev);
        }

        Command serve(List<String> domains) {
            for (String d : domains) {
                if (d.isBlank() || d.contains("/") || d.contains(":")) {
                    return new Invalid("serve takes domain names (say example.com), got " + d);
                }
            }
            // an empty --http counts as unset, as in upstream; an empty --https means no TLS
            String httpAddr = http != null && !http.isEmpty() ? http : domains.isEmpty() ? DEFAULT_HTTP : DOMAIN_HTTP;
            String httpsAddr = https != null && !https.isEmpty() ? https : domains.isEmpty() ? "" : DOMAIN_HTTPS;
            Address httpAt = address(httpAddr);
            if (httpAt == null) {
                return new Invalid("--http needs HOST:PORT, got " + httpAddr);
            }
            Address httpsAt = null;
            if (!httpsAddr.isEmpty()) {
                httpsAt = address(httpsAddr);
                if (httpsAt == null) {
                    return new Invalid("--https needs HOST:PORT, got " + httpsAddr);
                }
            }
            Global g = global();
            Path pub = publicDir != null ? publicDir : DefaultDirs.beside(g.dir()).resolve("pb_public");
            return new Serve(g, domains, httpAt, httpsAt, origins == null ? List.of("*") : origins, pub,
                    indexFallback);
        }

        Command superuser(List<String> positional) {
            if (positional.size() < 2) {
                return new Invalid("superuser needs an action: upsert, create, update, delete or otp");
            }
            Action action;
            try {
                action = Action.valueOf(positional.get(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return new Invalid("unknown superuser action " + positional.get(1));
            }
            if (positional.size() < 3) {
                return new Invalid("superuser " + positional.get(1) + " needs an email");
            }
            String email = positional.get(2);
            Optional<String> password = positional.size() > 3 ? Optional.of(positional.get(3)) : Optional.empty();
            boolean takesPassword = action != Action.DELETE && action != Action.OTP;
            if (positional.size() > (takesPassword ? 4 : 3)) {
                return new Invalid("too many arguments");
            }
            if (takesPassword && password.isEmpty()) {
                return new Invalid("superuser " + positional.get(1) + " needs EMAIL and PASSWORD");
            }
            return new Superuser(global(), action, email, password);
        }

        Command migrate(List<String> args) {
            String action = args.isEmpty() ? "up" : args.getFirst();
            List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
            return switch (action) {
                case "up", "collections", "history-sync" -> rest.isEmpty()
                        ? new Migrate(global(), MigrateAction.valueOf(action.replace('-', '_').toUpperCase(Locale.ROOT)),
                                0, "")
                        : new Invalid("migrate " + action + " takes no arguments");
                case "down" -> {
                    if (rest.size() > 1) {
                        yield new Invalid("migrate down takes at most a count");
                    }
                    int n = 1;
                    if (!rest.isEmpty()) {
                        try {
                            n = Integer.parseInt(rest.getFirst());
                        } catch (NumberFormatException e) {
                            n = 0;
                        }
                        if (n <= 0) {
                            yield new Invalid("migrate down needs a positive count, got " + rest.getFirst());
                        }
                    }
                    yield new Migrate(global(), MigrateAction.DOWN, n, "");
                }
                case "create" -> rest.size() == 1 && rest.getFirst().matches("[A-Za-z0-9_]+")
                        ? new Migrate(global(), MigrateAction.CREATE, 0, rest.getFirst())
                        : new Invalid("migrate create needs one NAME of letters, digits and underscores");
                default -> new Invalid("unknown migrate action " + action
                        + " (up, down [n], create NAME, collections or history-sync)");
            };
        }

        /** Go's {@code net.SplitHostPort} plus a numeric port: {@code :8090} and {@code [::1]:8090} too. */
        private static Address address(String value) {
            int colon = value.lastIndexOf(':');
            if (colon < 0 || colon == value.length() - 1) {
                return null;
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                return port < 0 || port > 65535 ? null : new Address(host, port);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    public static String usage() {
        return """
                Locket — a PocketBase-compatible backend in one jar.

                Usage:
                  java -jar locket.jar serve [--http HOST:PORT] [--dir DATA_DIR]
                  java -jar locket.jar serve DOMAIN... [--https HOST:PORT] [--http HOST:PORT]
                  java -jar locket.jar superuser upsert|create|update EMAIL PASSWORD
                  java -jar locket.jar superuser delete|otp EMAIL
                  java -jar locket.jar migrate up|down [N]|create NAME|collections|history-sync
                  java -jar locket.jar --version | --help

                serve flags:
                  --http HOST:PORT      plain HTTP listener (default %s; with domains 0.0.0.0:80,
                                        which then only redirects to HTTPS and answers ACME challenges)
                  --https HOST:PORT     HTTPS listener with certificates from Let's Encrypt (ACME) for the
                                        domains (default none; with domains 0.0.0.0:443)
                  --origins LIST        CORS allowed origins, comma separated (default *)
                  --publicDir DIR       static files served at / (default pb_public beside the data dir)
                  --indexFallback       unknown paths under / answer index.html (default true)

                flags of every command:
                  --dir DATA_DIR        the data directory (default pb_data beside locket.jar)
                  --dev                 log every request and SQL statement to the console
                  --queryTimeout SECS   budget of one SELECT query (default %d)
                  --encryptionEnv NAME  environment variable holding the 32-character settings key
                  --hooksDir DIR        where JavaScript hooks would be (Locket does not run them and
                                        warns when it finds any)
                  --migrationsDir DIR   the migrations: Locket's JSON snapshots, run on start before
                                        serving (default pb_migrations beside the data dir; JavaScript
                                        ones are not run, with a warning)
                  --automigrate         a collection change through the API writes a snapshot migration
                                        (default on with --dev)

                migrate actions:
                  up                    apply the pending migrations
                  down [N]              revert the last N applied migrations (default 1)
                  create NAME           write an empty JSON migration to fill in
                  collections           write a snapshot migration of every current collection
                  history-sync          forget applied migrations whose file or class no longer exists
                """.formatted(DEFAULT_HTTP, DEFAULT_QUERY_TIMEOUT_SECONDS);
    }
}
