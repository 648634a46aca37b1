package dev.locket.application.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SettingsStore} must do; runs against the in-memory fake and the SQLite store, so
 * service tests on the fake hold for the real store.
 */
public abstract class SettingsStoreContract {

    /** A store over a data directory that has never stored settings. */
    protected abstract SettingsStore emptyStore();

    @Test
    void aStoreThatNeverSavedHasNoDocument() {
        assertEquals(Optional.empty(), emptyStore().load());
    }

    @Test
    void aSavedDocumentLoadsBackExactly() {
        SettingsStore store = emptyStore();
        String document = "{\"meta\":{\"appName\":\"Ünïcödé ✓ \\\"quoted\\\"\"},\"superuserIPs\":[]}";
        store.save(document);
        assertEquals(Optional.of(document), store.load());
        assertEquals(Optional.of(document), store.load(), "loading does not consume the document");
    }

    @Test
    void aSaveReplacesThePreviousDocument() {
        SettingsStore store = emptyStore();
        store.save("{\"meta\":{\"appName\":\"first\"}}");
        store.save("{\"meta\":{\"appName\":\"second\"}}");
        assertEquals(Optional.of("{\"meta\":{\"appName\":\"second\"}}"), store.load());
    }

    @Test
    void largeDocumentsAreKeptWhole() {
        SettingsStore store = emptyStore();
        String big = "{\"superuserIPs\":[" + "\"10.0.0.1\",".repeat(20_000) + "\"10.0.0.2\"]}";
        store.save(big);
        String back = store.load().orElseThrow();
        assertEquals(big.length(), back.length());
        assertTrue(back.endsWith("\"10.0.0.2\"]}"));
    }
}
