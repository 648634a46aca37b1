package dev.locket.application.port.in.admin;

import dev.locket.application.port.out.LogEntry;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.Page;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/** The superuser logs API (admin-and-ops §3): list, view and hourly stats of {@code _logs}. */
public interface ReadLogs {

    /** {@code GET /api/logs} parameters. */
    record ListQuery(String filter, String sort, int page, int perPage, boolean skipTotal, RequestInfo request) {
        public ListQuery {
            filter = filter == null ? "" : filter;
            sort = sort == null ? "" : sort;
        }
    }

    Page<LogEntry> list(ListQuery query);

    /** One entry; a missing id is a 404. */
    LogEntry view(String id, RequestInfo request);

    /** Hourly counts; an unusable filter is a 400 "Invalid filter format.". */
    List<LogStore.HourlyCount> stats(String filter, RequestInfo request);
}
