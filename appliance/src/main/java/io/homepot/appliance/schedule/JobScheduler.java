package io.homepot.appliance.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs named jobs on {@link Schedule}s with one {@link ScheduledExecutorService} (its own daemon thread, so
 * slow report generation never delays the appliance's shared scheduler). Fire times are computed from the
 * injected {@link Clock}; each run re-arms the job for the next time after the planned one, so a run that
 * takes longer than a period skips the missed slots instead of piling up. A failing job is logged and
 * stays scheduled. No persistence: a slot missed while the appliance was down is not made up.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    /** A job's state for status pages. */
    public record JobInfo(String name, String schedule, Instant nextRun, Instant lastRun, long runs, long failures,
                          String lastError) {
    }

    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public JobScheduler(Clock clock, String threadName) {
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules (or replaces) the job {@code name}. */
    public void schedule(String name, Schedule schedule, Runnable task) {
        if (closed) {
            throw new IllegalStateException("scheduler closed");
        }
        Job j = new Job(name, schedule, task);
        Job old = jobs.put(name, j);
        if (old != null) {
            old.cancel();
        }
        j.arm(clock.instant());
    }

    /** Removes the job {@code name}; true when it existed. */
    public boolean cancel(String name) {
        Job j = jobs.remove(name);
        if (j != null) {
            j.cancel();
        }
        return j != null;
    }

    public boolean has(String name) {
        return jobs.containsKey(name);
    }

    /** The jobs by name, sorted. */
    public List<JobInfo> jobs() {
        List<JobInfo> out = new ArrayList<>();
        jobs.values().forEach(j -> out.add(j.info()));
        out.sort(java.util.Comparator.comparing(JobInfo::name));
        return out;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        closed = true;
        jobs.values().forEach(Job::cancel);
        jobs.clear();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Job {
        final String name;
        final Schedule schedule;
        final Runnable task;
        final AtomicLong runs = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile Instant planned;
        volatile Instant lastRun;
        volatile String lastError;
        volatile ScheduledFuture<?> future;
        volatile boolean cancelled;

        Job(String name, Schedule schedule, Runnable task) {
            this.name = name;
            this.schedule = schedule;
            this.task = task;
        }

        /** Arms for the first fire time after {@code after}. */
        synchronized void arm(Instant after) {
            if (cancelled || closed) {
                return;
            }
            Instant now = clock.instant();
            Instant next = schedule.next(after.isBefore(now) ? now : after);
            planned = next;
            long delay = Math.max(0, Duration.between(now, next).toMillis());
            future = executor.schedule(this::run, delay, TimeUnit.MILLISECONDS);
        }

        void run() {
            Instant slot = planned;
            if (cancelled) {
                return;
            }
            // re-armed from the planned slot, not from "now": a run that wakes early never fires the same slot twice
            lastRun = clock.instant();
            try {
                task.run();
                lastError = null;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                lastError = e.toString();
                LOG.log(Level.WARNING, "Scheduled job " + name + " failed", e);
            } finally {
                runs.incrementAndGet();
                arm(slot);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (future != null) {
                future.cancel(false);
            }
        }

        JobInfo info() {
            return new JobInfo(name, schedule.describe(), cancelled ? null : planned, lastRun, runs.get(), failures.get(),
                    lastError);
        }
    }
}
