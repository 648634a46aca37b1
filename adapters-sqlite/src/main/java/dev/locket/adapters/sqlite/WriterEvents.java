package dev.locket.adapters.sqlite;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight-recorder events of the single writer, so a recording ({@code -XX:StartFlightRecording}) shows where
 * writes queue: how long each caller waited for the writer, and what each group COMMIT closed. They cost
 * nothing unless a recording is running.
 */
final class WriterEvents {
    private WriterEvents() {
    }

    @Name("dev.locket.WriterWait")
    @Label("Writer wait")
    @Category({"Locket", "SQLite"})
    @Description("A caller waiting for the single writer connection (its duration is the wait)")
    @StackTrace(false)
    static final class Wait extends Event {
        @Label("Callers still queued when it got the writer")
        int queued;
    }

    @Name("dev.locket.GroupCommit")
    @Label("Group commit")
    @Category({"Locket", "SQLite"})
    @Description("One COMMIT of the writer (its duration is the COMMIT) and how many callers' work it held")
    @StackTrace(false)
    static final class Commit extends Event {
        @Label("Callers committed")
        int members;
        @Label("Nanoseconds the group was open before COMMIT")
        long openNanos;
    }
}
