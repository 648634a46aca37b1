package dev.locket.application.service.auth;

import static dev.locket.application.fake.Fixtures.authRecord;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.MovableClock;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.MutableSettings;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.service.record.RecordService;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

/**
 * An in-memory world for the auth flow tests: users (OTP/MFA configurable) and superusers, the
 * helper collections, a settable clock, a recording token codec and a Mockito {@link Mailer}.
 */
final class AuthWorld {
    static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    final MovableClock clock = new MovableClock(START);
    final Random random = new Random(7);
    final AuthCollection superusers = Fixtures.superusers();
    final AuthCollection users;
    final InMemoryCollectionStore collections;
    final InMemoryRecordStore records;
    final InMemoryTransactions transactions;
    final MutableSettings settings;
    final Mailer mailer = Mockito.mock(Mailer.class);
    final FakeTokens tokens = new FakeTokens(clock);
    final PlainHasher hasher = new PlainHasher();
    final Hooks hooks = new Hooks();
    final AuthMails mails;
    final AuthCompletion completion;
    final AuthService auth;
    final AccountService accounts;
    final OtpService otp;
    Record alice;
    Record root;

    AuthWorld(boolean otpEnabled, boolean mfaEnabled) {
        Fixtures.users(); // keeps the fixture's field set
        AuthCollection base = Fixtures.users();
        AuthOptions o = base.auth();
        Map<String, Object> extra = new LinkedHashMap<>(SystemCollections.defaultAuthOptions(null).extra());
        extra.put("otp", Map.of("enabled", otpEnabled, "duration", 180L, "length", 6L,
                "emailTemplate", Map.of("subject", "OTP for {APP_NAME}", "body", "<p>code {OTP} ({OTP_ID})</p>")));
        extra.put("mfa", Map.of("enabled", mfaEnabled, "duration", 600L, "rule", ""));
        users = new AuthCollection(base.id(), base.name(), base.system(), base.fields(), base.rules(), base.indexes(),
                base.created(), base.updated(), new AuthOptions(o.authRule(), o.manageRule(),
                new PasswordAuth(true, List.of("email")), o.authToken(), o.passwordResetToken(),
                o.emailChangeToken(), o.verificationToken(), o.fileToken(), extra));
        List<Collection> all = new ArrayList<>(List.of(superusers, users));
        for (Collection c : SystemCollections.all("2026-01-01 00:00:00.000Z", random)) {
            if (c.name().equals(SystemCollections.MFAS) || c.name().equals(SystemCollections.OTPS)
                    || c.name().equals(SystemCollections.AUTH_ORIGINS)
                    || c.name().equals(SystemCollections.EXTERNAL_AUTHS)) {
                all.add(c);
            }
        }
        collections = new InMemoryCollectionStore(all.toArray(Collection[]::new));
        records = new InMemoryRecordStore(collections::find);
        transactions = new InMemoryTransactions(collections, records);
        settings = new MutableSettings(Settings.defaults().withMeta(new MetaConfig(MetaConfig.DEFAULTS.accentColor(),
                "Locket Test", "https://app.test", "Support", "support@app.test", false)));
        mails = new AuthMails(settings, mailer);
        completion = new AuthCompletion(collections, records, tokens, hooks, mails, clock, random);
        auth = new AuthService(collections, records, tokens, hasher, hooks, clock, completion);
        var recordService = new RecordService(collections, records, transactions, hasher, hooks, clock, random);
        accounts = new AccountService(collections, records, transactions, tokens, hasher, mails, clock, random,
                recordService);
        otp = new OtpService(collections, records, transactions, hasher, mails, completion, clock, random,
                recordService);
        alice = records.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass"));
        root = records.put(authRecord(superusers, "root00000000000", "root@example.com", "hashed:rootpass1"));
    }

    Record reload(Record r) {
        return records.find(r.collection(), r.id()).orElseThrow();
    }

    /** Every mail the mock received so far. */
    List<MailMessage> sent() {
        ArgumentCaptor<MailMessage> captor = ArgumentCaptor.forClass(MailMessage.class);
        Mockito.verify(mailer, Mockito.atLeast(0)).send(captor.capture());
        return captor.getAllValues();
    }

    MailMessage lastMail() {
        List<MailMessage> all = sent();
        if (all.isEmpty()) {
            throw new AssertionError("no mail sent");
        }
        return all.get(all.size() - 1);
    }

    /** The token in a mailed link ({@code …/confirm-…/<token>"}). */
    static String tokenIn(MailMessage m) {
        var matcher = java.util.regex.Pattern.compile("/_/#/auth/confirm-[a-z-]+/([^\"]+)\"").matcher(m.html());
        if (!matcher.find()) {
            throw new AssertionError("no token link in " + m.html());
        }
        return matcher.group(1);
    }

    RequestInfo as(Record r) {
        return new RequestInfo(Optional.of(r), "POST", Map.of("user_agent", "JUnit"), Map.of(), Map.of(), "default");
    }

    /**
     * A token codec that remembers what it signed: a token verifies only with the exact key it was
     * signed with and before its expiry, like HS256 would.
     */
    static final class FakeTokens implements TokenCodec {
        private final Clock clock;
        private final Map<String, TokenClaims> claims = new ConcurrentHashMap<>();
        private final Map<String, String> keys = new ConcurrentHashMap<>();
        private int counter;

        FakeTokens(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized String sign(TokenClaims c, String key) {
            String token = "tok" + (++counter) + "." + c.type().wire();
            claims.put(token, c);
            keys.put(token, key);
            return token;
        }

        @Override
        public Optional<TokenClaims> peek(String token) {
            return Optional.ofNullable(claims.get(token));
        }

        @Override
        public Optional<TokenClaims> verify(String token, String key) {
            TokenClaims c = claims.get(token);
            if (c == null || !key.equals(keys.get(token)) || c.exp() <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(c);
        }
    }
}
