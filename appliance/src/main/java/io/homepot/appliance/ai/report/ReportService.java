package io.homepot.appliance.ai.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.ai.AiContext;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.ai.narrate.DeterministicNarrator;
import io.homepot.appliance.ai.narrate.Narrator;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.Report;
import io.homepot.appliance.store.Site;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.json.JsonObject;

/**
 * Generates, stores and delivers reports. Foreground generation ({@link #generate}) lets a full LLM queue
 * escape as {@link LlmBusyException} (the HTTP layer answers 503); background generation (schedule,
 * incidents) falls back to the deterministic narrator instead. Incident reports ({@link #onCriticalAnomaly})
 * run on a bounded single-thread queue, at most one per device per cooldown.
 */
public final class ReportService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReportService.class.getName());
    /** Pending background jobs (incident reports, deliveries) before new ones are dropped. */
    public static final int BACKGROUND_QUEUE = 64;

    private final AiContext ctx;
    private final ReportRepository repo;
    private final ReportGenerator generator;
    private final Narrator fallback;
    private final ReportConfig config;
    private final MeterRegistry registry;
    private final List<Consumer<JsonObject>> deliveries = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor background;
    private final AtomicLong incidentReports = new AtomicLong();
    private final AtomicLong incidentSuppressed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Timer timer;

    public ReportService(AiContext ctx, ReportConfig config, MeterRegistry registry) {
        this.ctx = ctx;
        this.config = config;
        this.registry = registry;
        this.repo = new ReportRepository(ctx.stores().db(), ctx.stores().reports());
        this.generator = new ReportGenerator(ctx, new IncidentLookup(ctx.stores().db()));
        DeterministicNarrator det = new DeterministicNarrator(ctx.config());
        this.fallback = t -> det.degraded(t, "busy", "the language model's queue was full; written by the appliance");
        this.background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(BACKGROUND_QUEUE), r -> {
            Thread t = new Thread(r, "homepot-reports-background");
            t.setDaemon(true);
            return t;
        });
        this.timer = Timer.builder("homepot.reports.generation").description("Report generation time")
                .publishPercentiles(0.5, 0.95).register(registry);
    }

    public ReportConfig config() {
        return config;
    }

    public AiContext context() {
        return ctx;
    }

    public ReportRepository repository() {
        return repo;
    }

    /** Adds a delivery target for reports generated with {@code deliver = true} (e.g. the mailer). */
    public void addDelivery(Consumer<JsonObject> d) {
        deliveries.add(d);
    }

    /** Generates, stores and returns {@code r} (seed shape plus {@code response_time_ms}); delivers when asked. */
    public JsonObject generate(ReportRequest r) throws LlmBusyException {
        return generate(r, ctx.narrator(), false);
    }

    /** Same, for background callers: never throws for a busy LLM (the deterministic narrator writes instead). */
    public JsonObject generateInBackground(ReportRequest r) {
        try {
            return generate(r, ctx.narrator(), true);
        } catch (LlmBusyException e) {
            try {
                return generate(r, fallback, true);
            } catch (LlmBusyException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private JsonObject generate(ReportRequest r, Narrator narrator, boolean syncDelivery) throws LlmBusyException {
        long t0 = System.nanoTime();
        ReportGenerator.Generated g = generator.generate(r, narrator);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        JsonObject content = jakarta.json.Json.createObjectBuilder(g.content()).add("generation_ms", ms).build();
        Long siteId = r.siteReport() ? r.siteId() : g.site() == null ? null : g.site().id();
        Report row = repo.insert(new Report(null, r.type().id(), siteId, r.deviceId(), content.toString(), g.generatedAt(),
                r.mode().id()));
        timer.record(Duration.ofNanos(System.nanoTime() - t0));
        registry.counter("homepot.reports.generated", "type", r.type().id(), "trigger", r.trigger(),
                "degraded", String.valueOf(g.narration().degraded())).increment();
        JsonObject out = jakarta.json.Json.createObjectBuilder(ReportJson.full(row))
                .add("response_time_ms", (System.nanoTime() - t0) / 1_000_000).build();
        if (r.deliver()) {
            if (syncDelivery) {
                deliver(out);
            } else {
                submit(() -> deliver(out));
            }
        }
        return out;
    }

    private void deliver(JsonObject report) {
        for (Consumer<JsonObject> d : deliveries) {
            try {
                d.accept(report);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Report delivery failed", e);
            }
        }
    }

    /** The stored report {@code id}. */
    public Optional<JsonObject> get(long id) {
        return repo.get(id).map(ReportJson::full);
    }

    /** List items, newest first. */
    public List<JsonObject> list(ReportRepository.Filter f) {
        return repo.list(f).stream().map(ReportJson::summary).toList();
    }

    /**
     * Entry point for the scoring engine's critical anomalies: queues an incident report of the device (one per
     * configured mode), unless incident reports are off, the device had one within the cooldown, or the queue is full.
     *
     * @return true when queued
     */
    public boolean onCriticalAnomaly(ReportRequest.IncidentRef ref) {
        if (!config.incidentReports()) {
            return false;
        }
        return submit(() -> incidentReport(ref));
    }

    /** Generates the incident report(s) for {@code ref} now, on the calling thread; empty when suppressed. */
    public List<JsonObject> incidentReport(ReportRequest.IncidentRef ref) {
        Instant now = ctx.facts().now();
        if (ctx.stores().devices().get(ref.deviceId()).isEmpty()) {
            return List.of();
        }
        if (!config.incidentCooldown().isZero() && !repo.list(new ReportRepository.Filter(null, ref.deviceId(),
                ReportType.INCIDENT.id(), null, "device", now.minus(config.incidentCooldown()), 1)).isEmpty()) {
            incidentSuppressed.incrementAndGet();
            return List.of();
        }
        Instant at = ref.at() == null ? now : ref.at();
        Instant to = at.isAfter(now) ? at.plusSeconds(1) : now;
        TimeRange range = new TimeRange(at.minus(ReportType.INCIDENT.window()), to, "24h");
        List<JsonObject> out = new ArrayList<>();
        for (AnalysisMode m : config.modes()) {
            out.add(generateInBackground(new ReportRequest(null, ref.deviceId(), ReportType.INCIDENT, range, m, null,
                    ReportRequest.ANOMALY, ref, true)));
            incidentReports.incrementAndGet();
        }
        return out;
    }

    /** Scheduled site reports of {@code site}: one per configured mode, delivered. */
    public List<JsonObject> scheduledSiteReports(Site site, ReportType type) {
        Instant now = ctx.facts().now();
        TimeRange range = TimeRange.last(type.window(), now, type == ReportType.WEEKLY ? "7d" : "24h");
        List<JsonObject> out = new ArrayList<>();
        for (AnalysisMode m : config.modes()) {
            out.add(generateInBackground(new ReportRequest(site.id(), null, type, range, m, null, ReportRequest.SCHEDULE, null,
                    true)));
        }
        return out;
    }

    private boolean submit(Runnable r) {
        try {
            background.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Background report job failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            return false;
        }
    }

    /** Counters for the status page. */
    public record Stats(long stored, long incidentReports, long incidentSuppressed, long dropped, int queued) {
    }

    public Stats stats() {
        return new Stats(ctx.stores().reports().count(), incidentReports.get(), incidentSuppressed.get(), dropped.get(),
                background.getQueue().size());
    }

    /** Waits until queued background work is done (tests, shutdown). */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (background.getQueue().isEmpty() && background.getActiveCount() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
