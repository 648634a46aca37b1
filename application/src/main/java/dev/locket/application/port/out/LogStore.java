package dev.locket.application.port.out;

import java.util.List;
import java.util.Optional;

/**
 * The server log table ({@code _logs} of the auxiliary database). Filters and sorts use the rule
 * language over {@code id}, {@code created}, {@code level}, {@code message}, {@code data} and
 * {@code data.<path>}; a bad one throws {@code BadRequest}.
 */
public interface LogStore {

    /** One hour of {@link #stats}: the hour as {@code "2024-05-01 10:00:00.000Z"} and its number of entries. */
    record HourlyCount(String date, long total) {
    }

    void insert(List<LogEntry> entries);

    Page<LogEntry> list(String filter, List<String> sort, int page, int perPage, boolean skipTotal);

    Optional<LogEntry> find(String id);

    /** Entries matching {@code filter} ("" for all) counted per hour, oldest hour first. */
    List<HourlyCount> stats(String filter);

    /** Deletes the entries created before {@code created} (a stored-format date); answers how many. */
    long deleteCreatedBefore(String created);

    /** Deletes the entries whose level is below {@code level}; answers how many. */
    long deleteBelowLevel(int level);
}
