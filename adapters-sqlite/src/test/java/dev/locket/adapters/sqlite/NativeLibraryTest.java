package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

    @Test
    void onlyPlatformsWhoseDriverFolderIsCertainAreTakenDirectly() {
        assertEquals("Linux/x86_64", NativeLibrary.folder("Linux", "amd64"));
        assertEquals("Linux/aarch64", NativeLibrary.folder("Linux", "aarch64"));
        assertEquals("Mac/aarch64", NativeLibrary.folder("Mac OS X", "aarch64"));
        assertEquals("Windows/x86_64", NativeLibrary.folder("Windows 11", "amd64"));
        assertNull(NativeLibrary.folder("Linux", "arm"), "32-bit ARM has several driver folders");
        assertNull(NativeLibrary.folder("FreeBSD", "amd64"));
    }

    @Test
    void theDriverLoadsTheLibraryKeptInTheUsersCache() throws Exception {
        NativeLibrary.prepare();
        String folder = NativeLibrary.folder(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (folder != null && !(folder.startsWith("Linux/") && NativeLibrary.musl())) {
            String dir = System.getProperty("org.sqlite.lib.path");
            String name = System.getProperty("org.sqlite.lib.name");
            assertTrue(dir != null && Files.isRegularFile(Path.of(dir, name)), dir + " / " + name);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             ResultSet r = c.createStatement().executeQuery("select sqlite_version()")) {
            assertTrue(r.next());
            assertTrue(r.getString(1).startsWith("3."), r.getString(1));
        }
    }
}
