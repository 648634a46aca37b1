package dev.locket.application.service.record;

import static dev.locket.application.fake.Fixtures.base;
import static dev.locket.application.fake.Fixtures.meta;
import static dev.locket.application.fake.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryFileStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.MutableSettings;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.FileField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Record writes with uploads: stored files follow the committed record, never a failed one. */
class FileUploadsTest {
    BaseCollection docs;
    InMemoryRecordStore records;
    InMemoryFileStore files;
    RecordService service;
    BatchService batch;
    RequestInfo root;

    @BeforeEach
    void setUp() {
        docs = base("docs", Fixtures.open(), text("title", false),
                new FileField(meta("file", "att", false, false), false, 3, 10, List.of(), List.of(), false),
                new FileField(meta("file", "pic", false, false), false, 1, 0, List.of("image/png"), List.of(), false));
        var collections = new InMemoryCollectionStore(Fixtures.superusers(), docs);
        records = new InMemoryRecordStore();
        var tx = new InMemoryTransactions(records, collections);
        files = new InMemoryFileStore();
        service = new RecordService(collections, records, tx, new PlainHasher(), new Hooks(), Clock.systemUTC(),
                new SplittableRandom(3), files);
        batch = new BatchService(MutableSettings.withBatch(true, 50, 3, 0), collections, records, tx,
                service, service, service, Clock.systemUTC());
        root = RequestInfo.superuser(Fixtures.authRecord(Fixtures.superusers(), "root00000000000", "r@example.com", "x"));
    }

    static UploadedFile upload(String key, String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new UploadedFile(key, name, bytes.length, offset -> new ByteArrayInputStream(bytes, (int) offset,
                bytes.length));
    }

    private Record create(Map<String, Object> body, UploadedFile... uploads) {
        RecordBody.Builder b = RecordBody.builder().file(uploads);
        body.forEach(b::put);
        return service.create(new CreateRecord.Command("docs", b.build(), "", root));
    }

    @Test
    void uploadsAreStoredUnderTheRecordWithTheirDetectedType() {
        Record r = create(Map.of("title", "a"), upload("att", "Notes.txt", "hello"), upload("att", "b.txt", "bye"));
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) r.get("att");
        assertEquals(2, names.size());
        assertTrue(names.get(0).matches("notes_[a-z0-9]{10}\\.txt"), names.get(0));
        String key = docs.id() + "/" + r.id() + "/" + names.get(0);
        assertEquals("text/plain; charset=utf-8", files.stat(key).orElseThrow().contentType());
    }

    @Test
    void replacedAndRemovedFilesAreDeletedAfterTheUpdate() {
        Record r = create(Map.of(), upload("att", "one.txt", "1"), upload("att", "two.txt", "2"));
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) r.get("att");
        Record updated = service.update(new UpdateRecord.Command("docs", r.id(), RecordBody.builder()
                .remove("att", names.get(0)).file(upload("+att", "zero.txt", "0")).build(), "", root));
        @SuppressWarnings("unchecked")
        List<String> now = (List<String>) updated.get("att");
        assertEquals(names.get(1), now.get(1));
        assertEquals(Set.of(docs.id() + "/" + r.id() + "/" + now.get(0), docs.id() + "/" + r.id() + "/" + now.get(1)),
                files.keys());

        service.delete(new DeleteRecord.Command("docs", r.id(), root));
        assertEquals(Set.of(), files.keys());
    }

    @Test
    void invalidUploadsStoreNothing() {
        ValidationFailed big = assertThrows(ValidationFailed.class,
                () -> create(Map.of(), upload("att", "big.txt", "more than ten bytes")));
        assertEquals("validation_file_size_limit", ((dev.locket.domain.error.FieldError) big.errors().get("att")).code());
        ValidationFailed type = assertThrows(ValidationFailed.class, () -> create(Map.of(), upload("pic", "a.png", "text")));
        assertEquals("validation_invalid_mime_type", ((dev.locket.domain.error.FieldError) type.errors().get("pic")).code());
        ValidationFailed unknown = assertThrows(ValidationFailed.class,
                () -> create(Map.of("att", "someone_elses.txt"), upload("att", "a.txt", "x")));
        assertEquals("validation_invalid_file", ((dev.locket.domain.error.FieldError) unknown.errors().get("att")).code());
        assertEquals(Set.of(), files.keys());
    }

    @Test
    void aRolledBackBatchLeavesNoFiles() {
        BatchRecords.Item ok = new BatchRecords.Item("POST", "/api/collections/docs/records",
                RecordBody.builder().file(upload("att", "kept.txt", "x")).build(), List.of());
        BatchRecords.Item bad = new BatchRecords.Item("POST", "/api/collections/missing/records", RecordBody.empty(), List.of());
        assertThrows(BatchFailed.class, () -> batch.batch(new BatchRecords.Command(List.of(ok, bad), root)));
        assertEquals(Set.of(), files.keys());
        assertEquals(0, records.all(docs).size());
    }
}
