package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.service.record.RecordService;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstallerServiceTest {
    private AuthWorld w;
    private RecordService recordService;
    private InstallerService installer;

    @BeforeEach
    void freshDataDirectoryWithoutSuperusers() {
        w = new AuthWorld(false, false);
        w.records.delete(w.superusers, w.root.id());
        recordService = new RecordService(w.collections, w.records, w.transactions, w.hasher, w.hooks, w.clock,
                w.random);
        installer = new InstallerService(w.collections, w.records, recordService, w.completion, w.random);
    }

    @Test
    void withoutSuperusersSignsAShortLivedNonRefreshableTokenForOneInstallerAccount() {
        String token = installer.installerToken(Duration.ofMinutes(30)).orElseThrow();

        List<Record> all = superusers();
        assertEquals(1, all.size());
        Record account = all.get(0);
        assertEquals(SystemCollections.INSTALLER_EMAIL, account.text("email"));
        TokenClaims claims = w.tokens.peek(token).orElseThrow();
        assertEquals(TokenType.AUTH, claims.type());
        assertEquals(account.id(), claims.id());
        assertEquals(false, claims.extra().get("refreshable"));
        assertEquals(AuthWorld.START.getEpochSecond() + 1800, claims.exp());
        assertEquals(account.id(), w.auth.authenticate(token).orElseThrow().id(), "the token authorizes as it");

        // a restart before anyone used it reuses the same account
        installer.installerToken(Duration.ofMinutes(30)).orElseThrow();
        assertEquals(1, superusers().size());

        w.clock.advance(Duration.ofMinutes(31));
        assertTrue(w.auth.authenticate(token).isEmpty(), "expired after its validity");
    }

    @Test
    void aRealSuperuserMeansNoInstaller() {
        w.records.put(dev.locket.application.fake.Fixtures.authRecord(w.superusers, "real00000000000",
                "real@example.com", "hashed:whatever1"));

        assertTrue(installer.installerToken(Duration.ofMinutes(30)).isEmpty());
        assertEquals(1, superusers().size(), "no installer account was created");
    }

    @Test
    void creatingTheFirstRealSuperuserDeletesTheInstallerAccount() {
        String token = installer.installerToken(Duration.ofMinutes(30)).orElseThrow();
        Record account = w.auth.authenticate(token).orElseThrow();

        recordService.create(new CreateRecord.Command(SystemCollections.SUPERUSERS, RecordBody.builder()
                .set("email", "me@example.com").set("password", "1234567890").set("passwordConfirm", "1234567890")
                .build(), "", w.as(account)));

        List<Record> all = superusers();
        assertEquals(List.of("me@example.com"), all.stream().map(r -> r.text("email")).toList());
        assertTrue(w.auth.authenticate(token).isEmpty(), "the installer token died with its account");
        assertTrue(installer.installerToken(Duration.ofMinutes(30)).isEmpty());
    }

    @Test
    void theInstallerAccountGetsNoPasswordResetMail() {
        installer.installerToken(Duration.ofMinutes(30)).orElseThrow();

        w.accounts.requestPasswordReset(new RequestPasswordReset.Command(SystemCollections.SUPERUSERS,
                SystemCollections.INSTALLER_EMAIL));

        assertFalse(w.sent().stream().anyMatch(m -> m.to().contains(SystemCollections.INSTALLER_EMAIL)), "no mail");
    }

    private List<Record> superusers() {
        return w.records.list(w.superusers, new RecordQuery(null, null, List.of(), 1, 100, true, RequestInfo.guest()))
                .items();
    }
}
