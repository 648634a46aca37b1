package dev.locket.application.service.admin;

import dev.locket.application.port.in.admin.ManageCrons;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.cron.CronSchedule;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cron scheduler and its API (admin-and-ops §5): jobs are registered by id with a 5-field
 * expression and checked once a minute, at second 0 UTC, each due job starting on a virtual
 * thread of its own. Registering an id again replaces the job, as upstream's {@code Cron.Add} does.
 */
public final class CronService implements ManageCrons, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CronService.class.getName());
    static final String MISSING_JOB = "Missing or invalid cron job.";

    private record Entry(String id, CronSchedule schedule, Runnable job, long order) {
    }

    private final Clock clock;
    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Thread ticker;

    public CronService(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Registers (or replaces) job {@code id}; a bad expression throws {@link IllegalArgumentException}. */
    public void add(String id, String expression, Runnable job) {
        Objects.requireNonNull(id);
        Objects.requireNonNull(job);
        CronSchedule schedule = CronSchedule.parse(expression);
        jobs.compute(id, (k, old) -> new Entry(id, schedule, job,
                old != null ? old.order() : sequence.incrementAndGet()));
    }

    /** Unregisters job {@code id} (nothing happens when there is none). */
    public void remove(String id) {
        jobs.remove(id);
    }

    /** Whether a job with this id is registered. */
    public boolean has(String id) {
        return jobs.containsKey(id);
    }

    /** Starts the once-a-minute ticker (idempotent). */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        // Assigned before it starts: the loop runs only while it is the current ticker.
        Thread t = Thread.ofVirtual().name("locket-cron").unstarted(this::loop);
        ticker = t;
        t.start();
    }

    @Override
    public void close() {
        Thread t = ticker;
        ticker = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public List<Job> list(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return jobs();
    }

    /** Every registered job: user jobs sorted by id, then the {@code __pb} system jobs in registration order. */
    public List<Job> jobs() {
        List<Entry> entries = new ArrayList<>(jobs.values());
        entries.sort(Comparator.comparingLong(Entry::order));
        List<Entry> user = new ArrayList<>();
        List<Entry> system = new ArrayList<>();
        for (Entry e : entries) {
            (e.id().startsWith("__pb") ? system : user).add(e);
        }
        user.sort(Comparator.comparing(Entry::id));
        List<Job> out = new ArrayList<>();
        user.forEach(e -> out.add(new Job(e.id(), e.schedule().expression())));
        system.forEach(e -> out.add(new Job(e.id(), e.schedule().expression())));
        return out;
    }

    @Override
    public void run(String id, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        Entry entry = id == null ? null : jobs.get(id);
        if (entry == null) {
            throw new NotFound(MISSING_JOB);
        }
        launch(entry);
    }

    /** Starts every job due at {@code minute} (UTC); the ticker calls it at each minute's second 0. */
    void tick(ZonedDateTime minute) {
        for (Entry e : List.copyOf(jobs.values())) {
            if (e.schedule().matches(minute)) {
                launch(e);
            }
        }
    }

    private void launch(Entry e) {
        Thread.ofVirtual().name("locket-cron-" + e.id()).start(() -> {
            try {
                e.job().run();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "cron job " + e.id() + " failed", ex);
            }
        });
    }

    private void loop() {
        while (ticker == Thread.currentThread()) {
            Instant now = clock.instant();
            Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            try {
                Thread.sleep(Duration.between(now, next).plusMillis(5));
            } catch (InterruptedException e) {
                return;
            }
            tick(ZonedDateTime.ofInstant(next, ZoneOffset.UTC));
        }
    }
}
