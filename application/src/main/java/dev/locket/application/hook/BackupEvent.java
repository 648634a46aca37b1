package dev.locket.application.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Upstream's {@code BackupEvent}: a backup about to be created or restored. {@link #name()} is the archive's
 * name (on create it may be empty: the default action then generates one); {@link #exclude()} lists the
 * top-level entries of the data directory left out of the archive (create) or left in place (restore).
 * Both may be changed before {@code next()}; throwing vetoes the backup or restore.
 */
public final class BackupEvent extends HookEvent {
    private String name;
    private List<String> exclude;

    public BackupEvent(String name, List<String> exclude) {
        this.name = name == null ? "" : name;
        this.exclude = new ArrayList<>(exclude);
    }

    public String name() {
        return name;
    }

    public void name(String newName) {
        this.name = Objects.requireNonNull(newName);
    }

    /** A mutable list: add or remove entries, or replace it with {@link #exclude(List)}. */
    public List<String> exclude() {
        return exclude;
    }

    public void exclude(List<String> entries) {
        this.exclude = new ArrayList<>(entries);
    }
}
