package dev.locket.bootstrap;

import dev.locket.LocketConfig;
import dev.locket.adapters.http.outbound.crypto.BcryptPasswordHasher;
import dev.locket.adapters.http.AuthFlowPorts;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.outbound.oauth2.JdkOAuth2Client;
import dev.locket.adapters.http.OAuth2Ports;
import dev.locket.adapters.http.outbound.crypto.JwtTokenCodec;
import dev.locket.adapters.realtime.RealtimeAdapter;
import dev.locket.adapters.http.settings.SettingsJson;
import dev.locket.adapters.http.outbound.mail.SmtpMailer;
import dev.locket.adapters.sqlite.SettingsKey;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.adapters.http.FilePorts;
import dev.locket.adapters.storage.StorageAdapter;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.auth.IssueOtp;
import dev.locket.application.port.in.auth.PrepareInstaller;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.service.auth.AccountService;
import dev.locket.application.service.auth.AppleClientSecretService;
import dev.locket.application.service.auth.AuthCompletion;
import dev.locket.application.service.auth.AuthMails;
import dev.locket.application.service.auth.AuthMethodsService;
import dev.locket.application.service.auth.AuthService;
import dev.locket.application.service.auth.ImpersonationService;
import dev.locket.application.service.auth.InstallerService;
import dev.locket.application.service.auth.OtpService;
import dev.locket.application.service.auth.TestEmailService;
import dev.locket.application.service.record.BatchService;
import dev.locket.application.service.collection.CollectionService;
import dev.locket.application.service.file.FileService;
import dev.locket.application.service.auth.OAuth2Service;
import dev.locket.application.service.realtime.RealtimeService;
import dev.locket.application.service.record.RecordService;
import dev.locket.application.service.settings.SettingsService;
import dev.locket.application.service.support.HookedMailer;
import dev.locket.application.service.admin.SystemAlerts;
import java.nio.file.Path;

/** The composition root: one data directory's adapters and the services over them. */
public final class Assembly implements AutoCloseable {
    private final SqliteAdapter sqlite;
    private final RecordService records;
    private final CollectionService collections;
    private final AuthService auth;
    private final BatchService batch;
    private final AuthFlowPorts authFlows;
    private final AuthCompletion authCompletion;
    private final OAuth2Service oauth2;
    private final AppleClientSecretService appleSecrets;
    private final StorageAdapter storage;
    private final FileService files;
    private final AdminServices admin;
    private RealtimeService realtime;
    private Mailer mailer;
    private OtpService otp;
    private PrepareInstaller installer;

    private Assembly(SqliteAdapter sqlite, RecordService records, CollectionService collections, AuthService auth,
                     BatchService batch, AuthFlowPorts authFlows, AuthCompletion authCompletion,
                     OAuth2Service oauth2, AppleClientSecretService appleSecrets, StorageAdapter storage,
                     FileService files, AdminServices admin) {
        this.sqlite = sqlite;
        this.records = records;
        this.collections = collections;
        this.auth = auth;
        this.batch = batch;
        this.authFlows = authFlows;
        this.authCompletion = authCompletion;
        this.oauth2 = oauth2;
        this.appleSecrets = appleSecrets;
        this.storage = storage;
        this.files = files;
        this.admin = admin;
    }

    public static Assembly open(Path dataDir, Hooks hooks, LocketConfig config) {
        return open(dataDir, hooks, config, SqliteAdapter.Options.defaults());
    }

    /** {@code settingsKey} encrypts the stored settings ({@code --encryptionEnv}). */
    public static Assembly open(Path dataDir, Hooks hooks, LocketConfig config, SettingsKey settingsKey) {
        return open(dataDir, hooks, config, new SqliteAdapter.Options(null, false, settingsKey));
    }

    /** Opens {@code dataDir} with the command line's data options (query budget, dev SQL log, settings key). */
    public static Assembly open(Path dataDir, Hooks hooks, LocketConfig config, SqliteAdapter.Options options) {
        SqliteAdapter sqlite = SqliteAdapter.open(dataDir, config.clock(), options);
        SettingsService settings;
        try {
            // one cached copy of the settings row for every reader; the settings API refreshes it on save
            settings = new SettingsService(sqlite.settingsStore(), new SettingsJson(), hooks);
        } catch (RuntimeException unreadableSettings) {
            sqlite.close(); // say settings encrypted without the key: the data directory stays as it was
            throw unreadableSettings;
        }
        var hasher = new BcryptPasswordHasher();
        var tokens = new JwtTokenCodec();
        var storage = StorageAdapter.open(dataDir, () -> settings.current().s3());
        var fileStore = storage.fileStore();
        // every mail passes upstream's onMailerSend; the auth mails also their kind's hook
        var mailer = new HookedMailer(hooks.mailer().onMailerSend(), new SmtpMailer(() -> settings.current().smtp()));
        var mails = new AuthMails(settings, mailer, hooks.mailer());
        var alerts = new SystemAlerts(sqlite.collectionStore(), sqlite.recordStore(), mails);
        var admin = AdminServices.open(sqlite, config, settings,
                storage.backupStore(sqlite.backupStore(), () -> settings.current().backups().s3()),
                alerts::alertSuperusers, hooks);
        var records = new RecordService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                hasher, hooks, config.clock(), config.random(), fileStore);
        var collections = new CollectionService(sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), hooks, config.clock(), config.random(), fileStore);
        var completion = new AuthCompletion(sqlite.collectionStore(), sqlite.recordStore(), tokens, hooks, mails,
                config.clock(), config.random(), settings, sqlite.transactions());
        var auth = new AuthService(sqlite.collectionStore(), sqlite.recordStore(), tokens, hasher, hooks,
                config.clock(), completion);
        var realtime = new RealtimeService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                hooks, config.clock(), config.random());
        var oauth2 = new OAuth2Service(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(), hasher,
                records, completion, new JdkOAuth2Client(), realtime, config.clock(), config.random());
        var otp = new OtpService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(), hasher,
                mails, completion, config.clock(), config.random(), records);
        var authFlows = authFlows(sqlite, settings, tokens, hasher, mails, completion, config, oauth2, records, otp,
                hooks);
        var batch = new BatchService(settings, sqlite.collectionStore(), sqlite.recordStore(),
                sqlite.transactions(), records, records, records, config.clock(), hooks);
        var files = new FileService(sqlite.collectionStore(), sqlite.recordStore(), fileStore, storage.thumbnails(),
                tokens, settings, storage.s3Probe(), config.clock(), hooks);
        Assembly assembly = new Assembly(sqlite, records, collections, auth, batch, authFlows, completion, oauth2,
                new AppleClientSecretService(config.clock()), storage, files, admin);
        assembly.realtime = realtime;
        assembly.mailer = mailer;
        assembly.otp = otp;
        assembly.installer = new InstallerService(sqlite.collectionStore(), sqlite.recordStore(), records, completion,
                config.random());
        return assembly;
    }

    /** The app's mailer: SMTP from the settings, every send through the {@code onMailerSend} hook. */
    public Mailer mailer() {
        return mailer;
    }

    /** The realtime fan-out (clients, subscriptions, custom messages). */
    public RealtimeService realtime() {
        return realtime;
    }

    /** The realtime transports (SSE and WebSocket) over {@link #realtime()}. */
    public RealtimeAdapter realtimeAdapter() {
        return new RealtimeAdapter(realtime, auth);
    }

    private static AuthFlowPorts authFlows(SqliteAdapter sqlite, CurrentSettings settings, JwtTokenCodec tokens,
                                           BcryptPasswordHasher hasher,
                                           AuthMails mails, AuthCompletion completion, LocketConfig config,
                                           OAuth2Service oauth2, RecordService records, OtpService otp,
                                           Hooks hooks) {
        var accounts = new AccountService(sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(),
                tokens, hasher, mails, config.clock(), config.random(), records, hooks);
        return new AuthFlowPorts(new AuthMethodsService(sqlite.collectionStore(), oauth2::authMethodsProviders),
                otp, otp, accounts, accounts,
                accounts, accounts, accounts, accounts,
                new ImpersonationService(sqlite.collectionStore(), sqlite.recordStore(), completion),
                new TestEmailService(sqlite.collectionStore(), mails), settings, sqlite.collectionStore()::find);
    }

    public HttpPorts httpPorts() {
        return HttpPorts.builder()
                .records(records, records, records, records, records)
                .collections(collections)
                .auth(auth, auth, auth)
                .batch(batch)
                .authFlows(authFlows)
                .oauth2(new OAuth2Ports(oauth2, oauth2, appleSecrets, oauth2))
                .files(new FilePorts(files, files, files, files))
                .admin(admin.httpPorts())
                .build();
    }

    /** One-time passwords handed to the operator ({@code superuser otp}). */
    public IssueOtp otp() {
        return otp;
    }

    /** The first-run installer: a short-lived token for the dashboard while no superuser exists. */
    public PrepareInstaller installer() {
        return installer;
    }

    /** The shared end of every login (authRule, MFA, alert, response); the OAuth2 flow finishes through it. */
    public AuthCompletion authCompletion() {
        return authCompletion;
    }

    public RecordService records() {
        return records;
    }

    /** OAuth2 logins; {@code authMethodsProviders} feeds the oauth2 section of auth-methods. */
    public OAuth2Service oauth2() {
        return oauth2;
    }

    public ManageCollections collections() {
        return collections;
    }

    /** The settings, cron, logs and SQL console services. */
    public AdminServices admin() {
        return admin;
    }

    /**
     * Whether a real superuser exists: upstream's installer keeps a placeholder account
     * ({@code __pbinstaller@example.com}) while nobody has signed up yet.
     */
    public boolean hasSuperuser() {
        return SuperuserCommand.exists(this);
    }

    public StorageAdapter storage() {
        return storage;
    }

    public SqliteAdapter sqlite() {
        return sqlite;
    }

    @Override
    public void close() {
        admin.close();
        realtime.close();
        storage.close();
        sqlite.close();
    }
}
