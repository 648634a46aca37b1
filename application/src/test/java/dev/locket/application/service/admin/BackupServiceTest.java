package dev.locket.application.service.admin;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemorySettingsStore;
import dev.locket.application.fake.MovableClock;
import dev.locket.application.fake.OpaqueSettingsFormat;
import dev.locket.application.port.in.admin.ManageBackups;
import dev.locket.application.port.out.BackupStore;
import dev.locket.application.port.out.DataArchive;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.service.settings.SettingsService;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.MetaConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackupServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final MovableClock clock = new MovableClock(Instant.parse("2024-05-01T10:15:00Z"));
    private final MapBackupStore store = new MapBackupStore();
    private final FakeArchive archive = new FakeArchive();
    private final SettingsService settings = new SettingsService(new InMemorySettingsStore(),
            new OpaqueSettingsFormat());
    private final CountDownLatch restored = new CountDownLatch(1);
    private final BackupService backups = new BackupService(store, archive, settings,
            new InMemoryCollectionStore(Fixtures.superusers()), new InMemoryRecordStore(), mock(TokenCodec.class),
            clock, restored::countDown);

    static final class MapBackupStore implements BackupStore {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, String> modified = new LinkedHashMap<>();
        int clock;

        @Override
        public List<BackupFile> list() {
            List<BackupFile> out = new ArrayList<>();
            files.forEach((k, v) -> out.add(new BackupFile(k, v.length, modified.get(k))));
            return out;
        }

        @Override
        public boolean exists(String key) {
            return files.containsKey(key);
        }

        @Override
        public Optional<InputStream> open(String key) {
            return Optional.ofNullable(files.get(key)).map(ByteArrayInputStream::new);
        }

        @Override
        public void write(String key, Content content) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            content.writeTo(out);
            files.put(key, out.toByteArray());
            modified.put(key, "2024-05-01 10:00:%02d.000Z".formatted(clock++));
        }

        @Override
        public boolean delete(String key) {
            modified.remove(key);
            return files.remove(key) != null;
        }
    }

    static final class FakeArchive implements DataArchive {
        byte[] restoredFrom;
        boolean fail;

        @Override
        public void writeZip(OutputStream out, List<String> exclude) throws IOException {
            if (fail) {
                throw new IOException("disk full");
            }
            out.write("PK\3\4zip".getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void restore(InputStream zip, List<String> kept) throws IOException {
            restoredFrom = zip.readAllBytes();
        }
    }

    @Test
    void createUsesTheDefaultNameOrAValidatedOne() {
        settings.save(s -> s.withMeta(new MetaConfig(s.meta().accentColor(), "My Cool-App", s.meta().appURL(),
                s.meta().senderName(), s.meta().senderAddress(), false)));
        backups.create("", root);
        assertTrue(store.exists("pb_backup_my_cool_app_20240501101500.zip"), store.files.keySet().toString());
        backups.create("mine-1.zip", root);
        assertTrue(store.exists("mine-1.zip"));

        assertEquals("validation_match_invalid", nameError(() -> backups.create("!test.zip", root)));
        assertEquals("validation_match_invalid", nameError(() -> backups.create("test.tar", root)));
        assertEquals("validation_backup_name_exists", nameError(() -> backups.create("mine-1.zip", root)));
        assertEquals("validation_length_too_long", nameError(() -> backups.create("a".repeat(150) + ".zip", root)));
        assertThrows(Forbidden.class, () -> backups.create("", alice));
    }

    @Test
    void aFailedArchiveIsA400AndFreesTheLock() {
        archive.fail = true;
        BadRequest e = assertThrows(BadRequest.class, () -> backups.create("x.zip", root));
        assertEquals("Failed to create backup.", e.getMessage());
        assertTrue(backups.canBackup());
        archive.fail = false;
        backups.create("x.zip", root);
    }

    @Test
    void listIsNewestFirst() {
        backups.create("a.zip", root);
        backups.create("b.zip", root);
        assertEquals(List.of("b.zip", "a.zip"), backups.list(root).stream().map(BackupStore.BackupFile::key).toList());
    }

    @Test
    void uploadsMustBeZipsWithAFreeName() {
        byte[] zip = "PK\3\4data".getBytes(StandardCharsets.ISO_8859_1);
        ValidationFailed missing = assertThrows(ValidationFailed.class, () -> backups.upload(null, root));
        assertEquals("validation_required", ((FieldError) missing.errors().get("file")).code());
        ValidationFailed notZip = assertThrows(ValidationFailed.class,
                () -> backups.upload(new ManageBackups.Upload("x.zip", "hello".getBytes(StandardCharsets.UTF_8)), root));
        assertEquals("validation_invalid_mime_type", ((FieldError) notZip.errors().get("file")).code());
        backups.upload(new ManageBackups.Upload("Some Name.zip", zip), root);
        assertArrayEquals(zip, store.files.get("Some Name.zip"));
        ValidationFailed exists = assertThrows(ValidationFailed.class,
                () -> backups.upload(new ManageBackups.Upload("Some Name.zip", zip), root));
        assertEquals("validation_backup_name_exists", ((FieldError) exists.errors().get("file")).code());
    }

    @Test
    void downloadsNeedASuperuserFileToken() {
        backups.create("a.zip", root);
        assertThrows(Forbidden.class, () -> backups.download("a.zip", "", "127.0.0.1"));
        assertThrows(Forbidden.class, () -> backups.download("a.zip", "not-a-token", "127.0.0.1"));
    }

    @Test
    void deleteAndRestoreCheckTheKey() throws Exception {
        backups.create("a.zip", root);
        BadRequest missing = assertThrows(BadRequest.class, () -> backups.restore("nope.zip", root));
        assertEquals("Missing or invalid backup file.", missing.getMessage());
        assertTrue(backups.canBackup());

        backups.restore("a.zip", root);
        assertFalse(backups.canBackup(), "the restore holds the lock while it runs");
        assertEquals(BackupService.BUSY, assertThrows(BadRequest.class, () -> backups.create("", root)).getMessage());
        // upstream's "active backup process" scenario of the restore route
        assertEquals(BackupService.BUSY, assertThrows(BadRequest.class, () -> backups.restore("a.zip", root))
                .getMessage());
        assertEquals(BackupService.IN_USE, assertThrows(BadRequest.class, () -> backups.delete("a.zip", root))
                .getMessage());
        assertTrue(restored.await(10, TimeUnit.SECONDS));
        assertArrayEquals(store.files.get("a.zip"), archive.restoredFrom);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!backups.canBackup() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        backups.delete("a.zip", root);
        assertThrows(BadRequest.class, () -> backups.delete("a.zip", root));
    }

    @Test
    void autoBackupsKeepOnlyTheNewest() {
        backups.create("manual.zip", root);
        for (int i = 0; i < 4; i++) {
            clock.advanceSeconds(60);
            backups.autoBackup(2);
        }
        assertEquals(List.of("manual.zip", "@auto_pb_backup_acme_20240501101800.zip",
                "@auto_pb_backup_acme_20240501101900.zip"), new ArrayList<>(store.files.keySet()));
    }

    private static String nameError(Runnable call) {
        ValidationFailed e = assertThrows(ValidationFailed.class, call::run);
        assertEquals("An error occurred while validating the submitted data.", e.getMessage());
        return ((FieldError) e.errors().get("name")).code();
    }
}
