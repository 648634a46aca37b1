package dev.locket;

import dev.locket.application.service.admin.CronService;
import dev.locket.domain.cron.CronSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The app's cron jobs, as upstream's {@code app.Cron()}: registered by id with a 5-field expression (or a
 * macro such as {@code @hourly}), listed by {@code GET /api/crons} and started on demand by
 * {@code POST /api/crons/{id}}. Jobs may be added before {@code start()}; they follow the data directory
 * across a backup restore.
 */
public final class Cron {
    private record Job(String expression, Runnable run) {
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private CronService scheduler;

    Cron() {
    }

    /**
     * Registers (or replaces, as upstream's {@code Cron.Add}) job {@code id}; a malformed expression throws
     * {@link IllegalArgumentException} at once.
     */
    public synchronized void add(String id, String expression, Runnable job) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(job, "job");
        CronSchedule.parse(expression); // fail here, not when the scheduler is attached
        jobs.put(id, new Job(expression, job));
        if (scheduler != null) {
            scheduler.add(id, expression, job);
        }
    }

    /** Unregisters job {@code id}; nothing happens when there is none. */
    public synchronized void remove(String id) {
        jobs.remove(id);
        if (scheduler != null) {
            scheduler.remove(id);
        }
    }

    /** Hands every registered job to the scheduler of a freshly opened data directory. */
    synchronized void attach(CronService crons) {
        scheduler = crons;
        jobs.forEach((id, j) -> crons.add(id, j.expression(), j.run()));
    }
}
