package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunTest {

    @TempDir
    Path out;

    @Test
    void baselineProfileRunsSetupAndRequiredScenariosAgainstAnApi() throws Exception {
        try (FakePocketBase server = new FakePocketBase()) {
            Options options = Options.parse(new String[] {"--pause", "0", "--out", out.toString()}, Path.of(""));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(printed, true, StandardCharsets.UTF_8);
            RawSqliteInserts.Result raw = new RawSqliteInserts.Result(1, 1, 1000, "3", "wal", "NORMAL", "x");
            Report report = new Report(ps, Optional.of(raw));
            OneShotHttp http = new OneShotHttp("127.0.0.1", server.port());
            new BenchRun(new AdminApi(http, new ObjectMapper()), new LoadRunner(http, Duration.ofSeconds(60),
                    Optional.empty()), report, options).run();

            List<String> ids = report.rows().stream().map(r -> r.result().id()).toList();
            assertEquals(List.of("C1", "C2*", "C3", "C4*", "C5*", "C7", "C8*", "S1", "L1", "L2", "L3"), ids);
            Map<String, Integer> errors = report.rows().stream().collect(Collectors.toMap(r -> r.result().id(),
                    r -> r.result().errors()));
            assertTrue(errors.values().stream().allMatch(e -> e == 0), errors + "\n" + printed);
            assertEquals(100, server.size("organizations"));
            assertEquals(50, server.size("permissions"));
            assertEquals(50, server.size("users"));
            assertEquals(10_000, server.size("posts10k"));
            Report.Row c7 = report.rows().get(5);
            assertEquals(5000, c7.result().reqs());
            assertEquals(500, c7.result().conc());
            assertEquals(c7.result().reqPerSec() / 1000, c7.ratioToRawSqlite(), 1e-9);
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("C7"), text);

            List<Path> files = report.write(out, "t", Map.of("profile", "baseline"));
            String csv = java.nio.file.Files.readString(files.get(1));
            assertEquals(12, csv.lines().count(), "header + one line per scenario");
        }
    }
}
