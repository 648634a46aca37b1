package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test data directories: copies of the PocketBase fixture, plus small collection builders. */
final class TestDirs {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    private TestDirs() {
    }

    /** The read-only fixture: -Dlocket.fixture, else bootstrap/src/test/fixtures/pb_data in the repository. */
    static Path fixture() {
        String prop = System.getProperty("locket.fixture");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("bootstrap/src/test/fixtures/pb_data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture pb_data not found; set -Dlocket.fixture");
    }

    /** A writable copy of the fixture's databases (storage is not needed here). */
    static Path copyFixture(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(fixture())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve(f.getFileName().toString());
                    Files.copy(f, to);
                    to.toFile().setWritable(true);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FieldMeta meta(String id, String name) {
        return new FieldMeta(id, name, false, false, false, "");
    }

    static TextField idField() {
        return new TextField(new FieldMeta("text3208210256", "id", true, false, false, ""), true, 15, 15,
                "^[a-z0-9]+$", "[a-z0-9]{15}", true);
    }

    static TextField text(String id, String name) {
        return new TextField(meta(id, name), false, 0, 0, "", "", false);
    }

    static List<Field> withTimestamps(Field... fields) {
        List<Field> out = new ArrayList<>();
        out.add(idField());
        out.addAll(List.of(fields));
        out.add(new AutodateField(meta("autodate2990389176", "created"), true, false));
        out.add(new AutodateField(meta("autodate3332085495", "updated"), true, true));
        return out;
    }

    static BaseCollection base(String id, String name, List<Field> fields, List<String> indexes) {
        return new BaseCollection(id, name, false, fields, CollectionRules.locked(), indexes,
                "2026-01-02 03:04:05.678Z", "2026-01-02 03:04:05.678Z");
    }
}
