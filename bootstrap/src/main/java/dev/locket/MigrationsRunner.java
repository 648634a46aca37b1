package dev.locket;

import dev.locket.adapters.http.collection.CollectionsSnapshot;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.bootstrap.Assembly;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.rule.RequestInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Upstream's {@code MigrationsRunner} over Locket's two kinds of migration: the registered Java ones and the
 * {@code *.json} collection snapshots of the migrations directory, together in name order. The steps run through
 * the same services as the API, all inside the run's one transaction.
 */
final class MigrationsRunner {
    static final String SNAPSHOT_SUFFIX = ".json";

    /** One migration of either kind, under the name {@code _migrations} records. */
    private record Migration(String file, Migrations.Step up, Migrations.Step down) {
    }

    private final Locket app;
    private final Assembly assembly;
    private final Migrations java;
    private final Path dir;
    private final Clock clock;

    MigrationsRunner(Locket app, Assembly assembly, Migrations java, Path dir, Clock clock) {
        this.app = app;
        this.assembly = assembly;
        this.java = java;
        this.dir = dir;
        this.clock = clock;
    }

    /** Applies every migration not yet recorded, in name order; returns their names. */
    List<String> up() {
        List<String> done = new ArrayList<>();
        inTransaction(() -> {
            Set<String> applied = assembly.sqlite().appliedMigrations();
            for (Migration m : all().values()) {
                if (applied.contains(m.file())) {
                    continue;
                }
                run(m, m.up(), "apply");
                assembly.sqlite().recordMigration(m.file(), micros());
                done.add(m.file());
            }
        });
        return done;
    }

    /**
     * As upstream's runner: one run of {@code up} or {@code down}, each step's changes and the {@code _migrations}
     * rows, is one transaction; a step that fails rolls all of it back (files it stored included), so the data
     * directory is as before the run and the same migrations are pending again.
     */
    private void inTransaction(Runnable run) {
        assembly.sqlite().transactions().inTransaction(run);
    }

    /**
     * Reverts the last {@code count} applied migrations that Locket knows (rows of upstream's own or of
     * JavaScript migrations are not Locket's to revert); returns their names, newest first.
     */
    List<String> down(int count) {
        Map<String, Migration> known = all();
        List<String> reverted = new ArrayList<>();
        inTransaction(() -> {
            for (String file : toRevert(count, known)) {
                Migration m = known.get(file);
                if (m.down() != null) {
                    run(m, m.down(), "revert");
                }
                assembly.sqlite().forgetMigration(file);
                reverted.add(file);
            }
        });
        return reverted;
    }

    /** The names {@link #down} would revert, newest first, for the confirmation that lists them. */
    List<String> toRevert(int count) {
        return toRevert(count, all());
    }

    private List<String> toRevert(int count, Map<String, Migration> known) {
        List<String> names = new ArrayList<>();
        for (String file : assembly.sqlite().lastAppliedMigrations(Integer.MAX_VALUE)) {
            if (names.size() >= count) {
                break;
            }
            if (known.containsKey(file)) {
                names.add(file);
            }
        }
        return names;
    }

    /**
     * Upstream's {@code history-sync}: forgets the applied rows whose migration no longer exists. Rows of
     * compiled {@code .go} migrations (upstream's system ones, which Locket's schema already includes) and of
     * {@code .js} files still in the directory are kept.
     */
    List<String> historySync() {
        Map<String, Migration> known = all();
        List<String> dropped = new ArrayList<>();
        for (String file : assembly.sqlite().appliedMigrations()) {
            boolean keep = known.containsKey(file) || file.endsWith(".go")
                    || (file.endsWith(".js") && Files.isRegularFile(dir.resolve(file)));
            if (!keep) {
                assembly.sqlite().forgetMigration(file);
                dropped.add(file);
            }
        }
        return dropped;
    }

    /** {@code migrate collections}: a snapshot of every collection that imports them all (deleting others). */
    Path snapshot() {
        return writeSnapshot("collections_snapshot", collections(), null);
    }

    /** A snapshot file {@code <unix>_<what>.json} (a numbered suffix if that second has one already). */
    Path writeSnapshot(String what, List<Collection> up, List<Collection> down) {
        Path file = snapshotPath(what);
        CollectionsSnapshot.write(file, up, down);
        return file;
    }

    /** Where a snapshot {@code what} written now goes. */
    Path snapshotPath(String what) {
        String stem = clock.instant().getEpochSecond() + "_" + what;
        Path file = dir.resolve(stem + SNAPSHOT_SUFFIX);
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve(stem + "_" + i + SNAPSHOT_SUFFIX);
        }
        return file;
    }

    /** Where {@code migrate create NAME} writes now. */
    Path createPath(String name) {
        return dir.resolve(clock.instant().getEpochSecond() + "_" + name + SNAPSHOT_SUFFIX);
    }

    /** {@code migrate create NAME}: an empty snapshot migration to fill in. */
    Path create(String name) {
        Path file = createPath(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, """
                    {
                      "up": {
                        "collections": [],
                        "deleteMissing": false
                      },
                      "down": {
                        "collections": [],
                        "deleteMissing": false
                      }
                    }
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Every collection as stored, the content of a snapshot. */
    List<Collection> collections() {
        return assembly.sqlite().collectionStore().all();
    }

    /** Records an automigrate snapshot as applied: its change was made through the API already. */
    void recordApplied(Path file) {
        assembly.sqlite().recordMigration(file.getFileName().toString(), micros());
    }

    private void run(Migration m, Migrations.Step step, String verb) {
        try {
            step.run(app);
        } catch (Exception e) {
            throw new MigrationFailed("Failed to " + verb + " migration " + m.file() + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Migration> all() {
        Map<String, Migration> out = new LinkedHashMap<>();
        List<Migration> list = new ArrayList<>();
        for (Migrations.Registered r : java.all()) {
            list.add(new Migration(r.name(), r.up(), r.down()));
        }
        for (Path p : snapshotFiles()) {
            list.add(new Migration(p.getFileName().toString(), a -> importStep(p, true), a -> importStep(p, false)));
        }
        list.sort(Comparator.comparing(Migration::file));
        list.forEach(m -> out.put(m.file(), m));
        return out;
    }

    private void importStep(Path file, boolean up) {
        CollectionsSnapshot.Steps steps = CollectionsSnapshot.read(file);
        Optional<ManageCollections.Import> step = up ? steps.up() : steps.down();
        step.ifPresent(s -> assembly.collections().importCollections(s, RequestInfo.system()));
    }

    private List<Path> snapshotFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(SNAPSHOT_SUFFIX))
                    .filter(p -> Migrations.NAME.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private long micros() {
        Instant now = clock.instant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    /** A migration step threw: the run stops there, the failed migration stays unapplied. */
    static final class MigrationFailed extends RuntimeException {
        MigrationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
