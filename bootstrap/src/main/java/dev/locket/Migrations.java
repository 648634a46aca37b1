package dev.locket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The app's Java migrations, as upstream's Go migrations ({@code core.AppMigrations.Register}): each named
 * {@code <unix seconds>_<what>} (say {@code 1712345678_add_todos}), run in name order together with the JSON
 * snapshot migrations of {@code pb_migrations/}, once each, on start before serving or by {@code migrate up};
 * {@code migrate down [n]} runs the {@code down} step of the last {@code n} applied. Applied ones are recorded
 * by name in {@code _migrations}.
 */
public final class Migrations {
    /** Upstream's migration file names start with a Unix timestamp and an underscore. */
    static final Pattern NAME = Pattern.compile("[0-9]+_[A-Za-z0-9_.-]+");

    /** One step of a migration; it works on the app (its collections, records, ...). A throw aborts the run. */
    @FunctionalInterface
    public interface Step {
        void run(Locket app) throws Exception;
    }

    /** A registered migration. */
    record Registered(String name, Step up, Step down) {
    }

    private final Map<String, Registered> registered = new TreeMap<>();

    Migrations() {
    }

    /**
     * Registers migration {@code name} ({@code <unix>_<what>}); {@code down} may be null for one that cannot
     * be reverted (reverting it then only forgets that it was applied, as upstream's nil Down).
     */
    public synchronized Migrations register(String name, Step up, Step down) {
        Objects.requireNonNull(up, "up");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a migration is named <unix seconds>_<name>, got " + name);
        }
        if (registered.containsKey(name)) {
            throw new IllegalArgumentException("migration " + name + " is registered already");
        }
        registered.put(name, new Registered(name, up, down));
        return this;
    }

    synchronized List<Registered> all() {
        return new ArrayList<>(registered.values());
    }
}
