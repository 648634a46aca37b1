package dev.locket.application.port.in.admin;

import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/** {@code GET /api/crons} and {@code POST /api/crons/{id}} (admin-and-ops §5), superusers only. */
public interface ManageCrons {

    /** A registered job: its id and its expression with macros expanded. */
    record Job(String id, String expression) {
    }

    /** User jobs by id first, then the system ({@code __pb…}) jobs in registration order. */
    List<Job> list(RequestInfo request);

    /** Starts the job in the background; an unknown id is a 404 "Missing or invalid cron job.". */
    void run(String id, RequestInfo request);
}
