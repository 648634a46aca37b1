package dev.locket.application.service.settings;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemorySettingsStore;
import dev.locket.application.fake.OpaqueSettingsFormat;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.LogsConfig;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.Settings;
import dev.locket.domain.settings.SmtpConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final InMemorySettingsStore store = new InMemorySettingsStore();
    private final OpaqueSettingsFormat format = new OpaqueSettingsFormat();
    private final SettingsService service = new SettingsService(store, format);

    private static Settings named(Settings s, String appName) {
        MetaConfig m = s.meta();
        return s.withMeta(new MetaConfig(m.accentColor(), appName, m.appURL(), m.senderName(), m.senderAddress(),
                m.hideControls()));
    }

    private Settings stored() {
        return format.read(store.load().orElseThrow());
    }

    @Test
    void aDataDirectoryWithoutSettingsGetsUpstreamsDefaultsStored() {
        assertEquals(Settings.defaults(), service.current());
        assertEquals(Settings.defaults(), stored());
    }

    @Test
    void storedSettingsAreLoadedAsTheyAre() {
        InMemorySettingsStore existing = new InMemorySettingsStore(format.write(named(Settings.defaults(), "Kept")));
        SettingsService reopened = new SettingsService(existing, format);
        assertEquals("Kept", reopened.current().meta().appName());
    }

    @Test
    void onSettingsReloadFiresOnLoadAndSaveAndAHandlerThatThrowsKeepsTheSettingsInForce() {
        dev.locket.application.hook.Hooks hooks = new dev.locket.application.hook.Hooks();
        List<String> seen = new ArrayList<>();
        hooks.settings().onSettingsReload().bind(e -> {
            seen.add(e.previous().map(p -> p.meta().appName()).orElse("-") + "->" + e.settings().meta().appName());
            e.next();
        });
        SettingsService hooked = new SettingsService(store, format, hooks);
        hooked.save(s -> named(s, "Saved"));
        assertEquals(List.of("-->Acme", "Acme->Saved"), seen);
        hooks.settings().onSettingsReload().bind(e -> {
            throw new BadRequest("no reload");
        });
        assertThrows(BadRequest.class, () -> hooked.save(s -> named(s, "Refused")));
        assertEquals("Saved", hooked.current().meta().appName());
    }

    @Test
    void aReloadHandlerThatStopsTheChainAtLoadLeavesTheDefaults() {
        dev.locket.application.hook.Hooks hooks = new dev.locket.application.hook.Hooks();
        hooks.settings().onSettingsReload().bind(e -> { });
        InMemorySettingsStore existing = new InMemorySettingsStore(format.write(named(Settings.defaults(), "Kept")));
        assertEquals(Settings.defaults(), new SettingsService(existing, format, hooks).current());
    }

    @Test
    void onlySuperusersMayReadOrUpdate() {
        assertThrows(Unauthorized.class, () -> service.read(RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> service.read(alice));
        assertThrows(Unauthorized.class, () -> service.update(s -> s, RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> service.update(s -> named(s, "x"), alice));
        assertEquals("Acme", service.current().meta().appName());
        assertSame(service.current(), service.read(root));
    }

    @Test
    void secretsAreStoredAndCached() {
        Settings answer = service.update(s -> s
                .withSmtp(new SmtpConfig(false, 587, "smtp.example.com", "", Secret.of("smtp-pass"), "", false, ""))
                .withS3(new S3Config(false, "", "", "", "", Secret.of("s3-secret"), false)), root);
        assertEquals("smtp-pass", answer.smtp().password().value());
        assertEquals("smtp-pass", service.current().smtp().password().value());
        assertEquals("s3-secret", stored().s3().secret().value());
        assertEquals("Secret[***]", answer.s3().secret().toString(), "a secret never shows in logs");
    }

    @Test
    void aChangeSeesTheSettingsCurrentWhenItIsApplied() {
        service.update(s -> named(s, "First"), root);
        Settings second = service.update(s -> s.withLogs(new LogsConfig(9, 0, true, false)), root);
        assertEquals("First", second.meta().appName(), "a later change keeps what the earlier one saved");
        assertEquals(9, stored().logs().maxDays());
    }

    @Test
    void aChangeThatCannotBeAppliedChangesNothing() {
        BadRequest e = assertThrows(BadRequest.class, () -> service.update(s -> {
            throw new BadRequest("An error occurred while loading the submitted data.");
        }, root));
        assertEquals("An error occurred while loading the submitted data.", e.getMessage());
        assertEquals(Settings.defaults(), service.current());
    }

    @Test
    void invalidSettingsAnswerNestedFieldErrorsAndChangeNothing() {
        String before = store.load().orElseThrow();
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(s -> named(s, "")
                .withLogs(new LogsConfig(-2, 0, true, false))
                .withSuperuserIPs(List.of("10.0.0.0/8", "", "nope")), root));
        assertEquals("An error occurred while saving the new settings.", e.getMessage());
        assertEquals(List.of("logs", "meta", "superuserIPs"), new ArrayList<>(e.errors().keySet()));
        FieldError appName = (FieldError) ((ErrorGroup) e.errors().get("meta")).children().get("appName");
        assertEquals("validation_required", appName.code());
        assertEquals("Acme", service.current().meta().appName());
        assertEquals(before, store.load().orElseThrow(), "nothing was stored");
    }

    @Test
    void listenersHearEverySaveWithTheNewSettings() {
        List<Long> seen = new ArrayList<>();
        service.onChange(s -> seen.add(s.logs().maxDays()));
        service.onChange(s -> {
            throw new IllegalStateException("a broken listener does not fail the save");
        });
        service.update(s -> s.withLogs(new LogsConfig(9, 0, true, false)), root);
        assertThrows(ValidationFailed.class,
                () -> service.update(s -> s.withLogs(new LogsConfig(-1, 0, true, false)), root));
        assertEquals(List.of(9L), seen);
        assertTrue(service.current().logs().logIP());
    }
}
