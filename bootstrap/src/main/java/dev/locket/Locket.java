package dev.locket;

import dev.locket.adapters.http.tls.AutoTls;
import dev.locket.adapters.http.file.DashboardAssets;
import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.route.RouteConflict;
import dev.locket.adapters.http.route.Router;
import dev.locket.adapters.http.server.ListenFailed;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.adapters.http.file.PublicFiles;
import dev.locket.adapters.http.server.UpgradeGuard;
import dev.locket.adapters.realtime.ConnectionGuard;
import dev.locket.adapters.realtime.RealtimeAdapter;
import dev.locket.adapters.sqlite.SettingsKey;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.adapters.sqlite.UnsupportedDataDir;
import dev.locket.application.hook.BootstrapEvent;
import dev.locket.application.hook.Hook;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.TerminateEvent;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.bootstrap.Assembly;
import dev.locket.bootstrap.Banner;
import dev.locket.bootstrap.Cli;
import dev.locket.bootstrap.ConsoleLogs;
import dev.locket.bootstrap.JsLeftovers;
import dev.locket.bootstrap.SuperuserCommand;
import dev.locket.bootstrap.UncleanStop;
import dev.locket.domain.error.LocketException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The embedding facade: create the app, bind hooks, {@link #start} it with command-line arguments.
 * {@code java -jar locket.jar} is this class with no hooks bound.
 */
public final class Locket implements AppApi, DataHooks, RequestHooks, AppHooks {
    private static final System.Logger LOG = System.getLogger(Locket.class.getName());
    private static final java.time.Duration INSTALLER_TOKEN_VALIDITY = java.time.Duration.ofMinutes(30);

    private final LocketConfig config;
    private final Hooks hooks = new Hooks();
    private final Hook<ServeEvent> serve = new Hook<>();
    private final Cron cron = new Cron();
    private final Migrations migrations = new Migrations();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream out;
    private volatile Assembly assembly;
    private volatile LocketHttpServer server;
    private volatile Throwable startFailure;
    private volatile AutoTls autoTls;
    private volatile UncleanStop serving;

    private Locket(LocketConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static Locket create() {
        return create(LocketConfig.defaults());
    }

    public static Locket create(LocketConfig config) {
        return new Locket(config, System.out);
    }

    /** Fired once before the server listens; add routes and middlewares through {@link ServeEvent#router()}. */
    public Hook<ServeEvent> onServe() {
        return serve;
    }

    /** Every hook; each upstream-named one is also on the app itself (DataHooks, RequestHooks, AppHooks). */
    @Override
    public Hooks hooks() {
        return hooks;
    }

    /** The cron jobs: {@code app.cron().add("report", "*&#47;5 * * * *", job)}; see {@link Cron}. */
    public Cron cron() {
        return cron;
    }

    /**
     * The Java migrations: {@code app.migrations().register("1712345678_add_todos", up, down)}; they run with
     * the JSON ones of {@code pb_migrations/} on {@code serve} before it listens. See {@link Migrations}.
     */
    public Migrations migrations() {
        return migrations;
    }

    /**
     * Runs the command line ({@code serve}, {@code superuser …}, {@code --version}, {@code --help}) and
     * returns its exit code; {@code serve} blocks until {@link #stop()} or SIGTERM.
     */
    public int start(String... args) {
        Cli.Command command = Cli.parse(args);
        try {
            return switch (command) {
                case Cli.Version v -> {
                    out.println("locket version " + version());
                    yield 0;
                }
                case Cli.Help h -> {
                    out.print(Cli.usage());
                    yield 0;
                }
                case Cli.Invalid invalid -> {
                    out.println("Error: " + invalid.reason());
                    out.print(Cli.usage());
                    yield 2;
                }
                case Cli.Superuser s -> {
                    // as upstream, a command bootstraps the app and terminates it when done
                    bootstrap(s.dir(), dataOptions(s.global()));
                    try {
                        yield new SuperuserCommand(requireAssembly(), out).run(s);
                    } finally {
                        stop();
                    }
                }
                case Cli.Migrate m -> migrate(m);
                case Cli.Serve s -> serveOrReport(s);
            };
        } catch (UnsupportedDataDir | ListenFailed | RouteConflict | MigrationsRunner.MigrationFailed
                 | LocketException refused) {
            // (an API error here is an onBootstrap handler's veto)
            // expected refusals: one clear line, no stack trace
            out.println("Error: " + refused.getMessage());
            return 1;
        }
    }

    /**
     * Opens the data directory and wires the services without serving HTTP, inside upstream's
     * {@code onBootstrap} hook (whose default action is the opening).
     */
    public void bootstrap(Path dataDir) {
        bootstrap(dataDir, SqliteAdapter.Options.defaults());
    }

    private synchronized void bootstrap(Path dataDir, SqliteAdapter.Options options) {
        if (assembly == null) {
            hooks.system().onBootstrap().trigger(new BootstrapEvent(dataDir), e -> assembly = open(dataDir, options));
            if (assembly == null) {
                throw new IllegalStateException("an onBootstrap handler did not call next(): nothing was opened");
            }
        }
    }

    /**
     * Upstream's {@code OnTerminate}: handlers run while the data is still open, the default action closes it.
     * The app goes down whatever they do (upstream's process exits): a failing or stopping handler is logged
     * and the data closed all the same.
     */
    private void terminate(Assembly a, boolean restart) {
        boolean[] closed = {false};
        try {
            hooks.system().onTerminate().trigger(new TerminateEvent(restart), e -> {
                closed[0] = true;
                assembly = null;
                a.close();
            });
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.WARNING, "an onTerminate handler failed: " + failed);
        } finally {
            if (!closed[0]) {
                assembly = null;
                a.close();
            }
        }
    }

    /** Opens the data directory and hands it the app's cron jobs. */
    private Assembly open(Path dataDir, SqliteAdapter.Options options) {
        Assembly a = Assembly.open(dataDir, hooks, config, options);
        cron.attach(a.admin().crons());
        return a;
    }

    private MigrationsRunner migrationsRunner(Cli.Global g) {
        return new MigrationsRunner(this, requireAssembly(), migrations, g.migrationsDir(), config.clock());
    }

    /** {@code migrate …}, upstream's migratecmd, with its confirmations of {@code down}, {@code create}, {@code collections}. */
    private int migrate(Cli.Migrate m) {
        ConsoleLogs.quietExpected();
        bootstrap(m.global().dir(), dataOptions(m.global()));
        try {
            MigrationsRunner runner = migrationsRunner(m.global());
            switch (m.action()) {
                case UP -> report(runner.up(), "Applied ", "No new migrations to apply.");
                case DOWN -> {
                    List<String> names = runner.toRevert(m.count());
                    if (names.isEmpty()) {
                        out.println("No migrations to revert.");
                    } else if (confirmed("\n" + String.join("\n", names) + "\nDo you really want to revert the last "
                            + m.count() + " applied migration(s)?")) {
                        report(runner.down(m.count()), "Reverted ", "No migrations to revert.");
                    }
                }
                case CREATE -> {
                    if (confirmed("Do you really want to create migration \"" + runner.createPath(m.name()) + "\"?")) {
                        out.println("Successfully created file " + runner.create(m.name()));
                    }
                }
                case COLLECTIONS -> {
                    if (confirmed("Do you really want to create migration \""
                            + runner.snapshotPath("collections_snapshot") + "\"?")) {
                        out.println("Successfully created file " + runner.snapshot());
                    }
                }
                case HISTORY_SYNC -> report(runner.historySync(), "Removed the history of ",
                        "No applied migration is missing.");
            }
            return 0;
        } finally {
            stop();
        }
    }

    /** Upstream asks before these steps and prints this line when the answer is no (exit code 0). */
    private boolean confirmed(String question) {
        if (config.confirmation().confirm(question)) {
            return true;
        }
        out.println("The command has been cancelled");
        return false;
    }

    private void report(List<String> files, String prefix, String none) {
        if (files.isEmpty()) {
            out.println(none);
        }
        files.forEach(f -> out.println(prefix + f));
    }

    /**
     * Upstream's automigrate: after a collection change the schema is written as a snapshot migration (up: the
     * collections now, down: as they were), recorded as applied since the change is made already.
     */
    private String automigrate(Cli.Global g) {
        var last = new java.util.concurrent.atomic.AtomicReference<>(migrationsRunner(g).collections());
        return hooks.model().onCollectionAfterSuccess().bind(e -> {
            e.next();
            synchronized (last) {
                MigrationsRunner runner = migrationsRunner(g);
                var now = runner.collections();
                if (now.equals(last.get())) {
                    return; // the other collections of one import, seen whole at its first event
                }
                String verb = switch (e.action()) {
                    case CREATE -> "created";
                    case UPDATE -> "updated";
                    case DELETE -> "deleted";
                };
                Path file = runner.writeSnapshot(verb + "_" + e.collection().name(), now, last.get());
                runner.recordApplied(file);
                last.set(now);
            }
        });
    }

    /** The flags every command shares, as the data layer takes them. */
    private static SqliteAdapter.Options dataOptions(Cli.Global g) {
        return new SqliteAdapter.Options(g.queryTimeout(), g.dev(), SettingsKey.fromEnv(g.encryptionEnv()));
    }

    /** Releases {@link #awaitPort} at once when serve ends before it listens, instead of at its timeout. */
    private int serveOrReport(Cli.Serve s) {
        try {
            return serve(s);
        } catch (RuntimeException | Error failed) {
            startFailure = failed;
            throw failed;
        } finally {
            started.countDown();
        }
    }

    private int serve(Cli.Serve s) {
        ConsoleLogs.quietExpected();
        if (s.global().dev()) {
            ConsoleLogs.enableDev();
        }
        JsLeftovers.warn(s.global(), out);
        bootstrap(s.dir(), dataOptions(s.global()));
        // only serve cleans: a CLI command may run beside a server whose uploads are in flight
        assembly.storage().removeUploadLeftovers();
        serving = UncleanStop.begin(s.dir(), assembly);
        JsLeftovers.warnPendingMigrations(s.global(), assembly.sqlite().appliedMigrations(), out);
        try {
            migrationsRunner(s.global()).up(); // upstream applies pending migrations before it serves
        } catch (RuntimeException failed) {
            stop();
            throw failed;
        }
        String automigrated = s.global().automigrate() ? automigrate(s.global()) : null;
        // SIGTERM/SIGINT end serve() normally (exit code 0, like PocketBase) instead of running the
        // JVM's shutdown sequence; the hook covers every other way the JVM may go down.
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stopped.countDown());
            } catch (IllegalArgumentException unsupported) {
                LOG.log(System.Logger.Level.DEBUG, "signal " + name + " not handled here");
            }
        }
        Thread shutdown = new Thread(this::stop, "locket-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            String baseUrl;
            if (s.https() != null) {
                autoTls = AutoTls.start(tlsSettings(s), s.http().host(), s.http().port());
                server = startServer(s, s.https().port());
                autoTls.keepRenewed(server);
                baseUrl = "https://" + tlsSettings(s).domains().getFirst()
                        + (server.port() == 443 ? "" : ":" + server.port());
            } else {
                server = startServer(s, s.http().port());
                baseUrl = "http://" + Banner.shownHost(s.http().host()) + ":" + server.port();
            }
            assembly.admin().onRestored(() -> reopenAfterRestore(s));
            Banner.print(out, s, baseUrl, assembly.hasSuperuser(), installerToken());
            started.countDown();
            stopped.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (automigrated != null) {
                hooks.model().onCollectionAfterSuccess().unbind(automigrated);
            }
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting through this very hook
            }
        }
    }

    /**
     * Upstream's {@code apis.Serve}: the serve hook runs with the routing so far (the dashboard) and the app's
     * router; its default action, reached when every handler called {@code next()}, builds the routes as they
     * stand and listens. So code after a handler's {@code next()} runs with the server up, and a handler that
     * does not call it leaves the server down and serve failing, as upstream's does.
     */
    private LocketHttpServer startServer(Cli.Serve s, int port) {
        var realtime = assembly.realtimeAdapter();
        Cli.Address at = s.https() != null ? s.https() : s.http();
        LocketHttpServer.Setup setup = LocketHttpServer.setup(
                new HttpConfig(at.host(), port, HttpConfig.DEFAULT_BODY_LIMIT, s.origins()), assembly.httpPorts());
        HttpRouting.Builder routing = setup.routing();
        // the dashboard loads upstream's experimental UI extensions script; Locket ships none, so it is empty
        routing.get("/_/extensions.js", (req, res) -> res.header(HeaderNames.CONTENT_TYPE,
                "text/javascript; charset=utf-8").send());
        DashboardAssets.register(routing, Locket.class.getClassLoader(), "dev/locket/admin",
                "META-INF/resources/webjars");
        Router router = Router.create(assembly.httpPorts());
        Consumer<HttpRouting.Builder> extra = r -> {
            realtime.routes(r);
            // upstream registers its pb_public route last, so every API and custom route wins over it
            PublicFiles.register(r, s.publicDir(), s.indexFallback());
        };
        AutoTls tls = autoTls;
        ServeEvent event = new ServeEvent(routing, router, at.host(), port);
        try {
            serve.trigger(event, e -> {
                router.mount(routing); // once, as upstream's BuildMux: routes added from now on are not served
                e.listening(setup.start(extra, server -> {
                    var upgrade = UpgradeGuard.of(assembly.httpPorts());
                    realtime.websocket(server, (header, peer, token) -> {
                        var a = upgrade.admit("GET", RealtimeAdapter.WS_PATH, header, peer, token);
                        return new ConnectionGuard.Admission(a.ip(), a.status(), a.message());
                    });
                    if (tls != null) {
                        tls.configure(server);
                    }
                }));
            });
        } catch (RuntimeException | Error failed) {
            // a handler failing after its next(): serve fails as upstream's, and the listener goes down with it
            event.server().ifPresent(LocketHttpServer::stop);
            throw failed;
        }
        return event.server().orElseThrow(() -> new ListenFailed(
                "the server was not started: an onServe handler did not call e.next()"));
    }

    /**
     * The certificate's names: the domain arguments, else the host of {@code --https} (upstream); the CA is
     * Let's Encrypt unless {@code LOCKET_ACME_DIRECTORY} names another (with {@code LOCKET_ACME_CA_FILE}, a PEM
     * of roots its HTTPS endpoint is trusted by, for a private or test CA).
     */
    private static AutoTls.Settings tlsSettings(Cli.Serve s) {
        List<String> domains = s.domains().isEmpty() ? List.of(s.https().host()) : s.domains();
        if (domains.getFirst().isEmpty() || domains.getFirst().matches("[0-9.]+|.*:.*")) {
            throw new ListenFailed("--https needs a domain to certify: pass it as an argument"
                    + " (serve example.com) or as the --https host");
        }
        String directory = System.getenv().getOrDefault("LOCKET_ACME_DIRECTORY", "");
        String caFile = System.getenv().getOrDefault("LOCKET_ACME_CA_FILE", "");
        return new AutoTls.Settings(domains, s.dir().resolve(".autocert_cache"),
                directory.isBlank() ? null : java.net.URI.create(directory), caFile.isBlank() ? null : Path.of(caFile));
    }

    /**
     * Upstream's first-run installer: while no superuser exists, a 30-minute token of a temporary installer
     * superuser for the dashboard link the banner prints, with which the dashboard creates the first real one.
     */
    private Optional<String> installerToken() {
        try {
            return assembly.installer().installerToken(INSTALLER_TOKEN_VALIDITY);
        } catch (RuntimeException e) {
            // upstream only warns: the server is up and the command line can still create a superuser
            LOG.log(System.Logger.Level.WARNING, "could not prepare the installer: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A restored backup replaced the data directory: close it, open it again and serve on the same
     * address (upstream restarts its whole process at this point).
     */
    private synchronized void reopenAfterRestore(Cli.Serve s) {
        LocketHttpServer old = server;
        Assembly a = assembly;
        if (old == null || a == null) {
            return; // stopping anyway
        }
        int port = old.port();
        old.stop();
        // upstream restarts its process here: terminate (as a restart), then bootstrap again
        terminate(a, true);
        bootstrap(s.dir(), dataOptions(s.global()));
        server = startServer(s, port);
        assembly.admin().onRestored(() -> reopenAfterRestore(s));
        LOG.log(System.Logger.Level.INFO, "backup restored; data directory reopened");
    }

    /** Waits for {@code serve} to listen and returns the bound port (handy with port 0). */
    public int awaitPort(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        if (!started.await(timeout, unit)) {
            throw new TimeoutException("Locket did not start within " + timeout + " " + unit);
        }
        LocketHttpServer listening = server;
        if (listening == null) {
            throw new IllegalStateException("Locket is not serving", startFailure);
        }
        return listening.port();
    }

    /** Stops accepting requests, lets in-flight ones finish, closes the database. Idempotent. */
    public synchronized void stop() {
        AutoTls tls = autoTls;
        autoTls = null;
        if (tls != null) {
            tls.close();
        }
        LocketHttpServer s = server;
        server = null;
        if (s != null && assembly != null) {
            assembly.realtime().close(); // ends the long-lived realtime streams so the server can drain
        }
        if (s != null) {
            s.stop();
        }
        Assembly a = assembly;
        if (a != null) {
            terminate(a, false);
            LOG.log(System.Logger.Level.INFO, "data directory closed");
        }
        UncleanStop marked = serving;
        serving = null;
        if (marked != null) {
            marked.end();
        }
        stopped.countDown();
    }

    /**
     * The collections API in-process. Access checks apply to the given request: pass
     * {@code RequestInfo.system()} to act as trusted code, e.g.
     * {@code app.collections().create(CollectionDraft.base("posts").field(...), RequestInfo.system())}.
     */
    public ManageCollections collections() {
        return requireAssembly().collections();
    }

    /**
     * The app API ({@link AppApi}: find, save and delete collections and records, transactions, mailer,
     * settings, file store, realtime) over the open data directory; {@code Locket}'s own methods of that
     * interface delegate here. Available once {@link #bootstrap} or {@code serve} opened the data directory.
     */
    @Override
    public AppApi api() {
        return new DataAccess(requireAssembly());
    }

    private Assembly requireAssembly() {
        Assembly a = assembly;
        if (a == null) {
            throw new IllegalStateException("call bootstrap() or start() first");
        }
        return a;
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Locket.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
