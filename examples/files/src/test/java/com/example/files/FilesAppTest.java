package com.example.files;

import dev.locket.Locket;
import dev.locket.sdktest.JsSdk;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the app on a free port and runs {@code src/test/js} against it with the official PocketBase JS SDK. */
class FilesAppTest {
    @TempDir
    Path tmp;

    @Test
    void aBigUploadIsRejectedAndASmallOneStoredThroughTheJsSdk() throws Exception {
        Locket app = FilesApp.create();
        System.out.println(JsSdk.runWhileServing(app::start, app::awaitPort, app::stop,
                tmp.resolve("pb_data").toString(), Path.of("src/test/js"), Map.of()));
    }
}
