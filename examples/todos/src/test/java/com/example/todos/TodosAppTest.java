package com.example.todos;

import dev.locket.Locket;
import dev.locket.sdktest.JsSdk;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the app on a free port and runs {@code src/test/js} against it with the official PocketBase JS SDK. */
class TodosAppTest {
    @TempDir
    Path tmp;

    @Test
    void theTodosRulesRouteAndHookWorkThroughTheJsSdk() throws Exception {
        Locket app = TodosApp.create();
        System.out.println(JsSdk.runWhileServing(app::start, app::awaitPort, app::stop,
                tmp.resolve("pb_data").toString(), Path.of("src/test/js"), Map.of()));
    }
}
