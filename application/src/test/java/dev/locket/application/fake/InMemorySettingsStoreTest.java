package dev.locket.application.fake;

import dev.locket.application.port.out.SettingsStore;
import dev.locket.application.port.out.SettingsStoreContract;

/** The fake keeps the same contract as the SQLite store. */
class InMemorySettingsStoreTest extends SettingsStoreContract {

    @Override
    protected SettingsStore emptyStore() {
        return new InMemorySettingsStore();
    }
}
