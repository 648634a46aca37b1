package dev.locket.application.hook;

import java.nio.file.Path;

/**
 * Upstream's {@code BootstrapEvent}: the app is opening its data directory. Before {@code next()} nothing is
 * open yet; after it the databases, settings and collections are ready. Throwing fails the start.
 */
public final class BootstrapEvent extends HookEvent {
    private final Path dataDir;

    public BootstrapEvent(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
