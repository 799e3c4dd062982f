package io.homepot.appliance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.HttpService;
import io.homepot.appliance.catalog.StandardDeviceTypes;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.ingest.IngestPipeline;
import io.homepot.appliance.status.StatusContributor;
import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Stores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The running appliance's context: configuration, database and stores, meter registry, clock, ingest
 * pipeline, scheduler and the extension registries. Built once by {@link Main} (or a test) and passed to
 * whatever needs it; there are no static singletons. Closing it stops the scheduler, runs registered
 * close hooks (last registered first) and closes the database.
 *
 * <p>Extension points, all to be used before the web server starts:
 * <ul>
 *   <li>{@link #addService(String, HttpService)}: mount another REST service (registered after the core API);</li>
 *   <li>{@link IngestPipeline#addListener} via {@link #ingest()}: react to committed samples/events;</li>
 *   <li>{@link #addStatusContributor(StatusContributor)}: add a section to {@code /api/ai/status};</li>
 *   <li>{@link #onClose(AutoCloseable)}: release resources at shutdown.</li>
 * </ul>
 */
public final class Appliance implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Appliance.class.getName());

    /** A REST service mounted at {@code path}. */
    public record MountedService(String path, HttpService service) {
    }

    private final AppConfig config;
    private final Database db;
    private final Stores stores;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Instant startedAt;
    private final IngestPipeline ingest;
    private final ScheduledExecutorService scheduler;
    private final List<StatusContributor> statusContributors = new CopyOnWriteArrayList<>();
    private final List<MountedService> services = new CopyOnWriteArrayList<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private Appliance(AppConfig config, Database db, Clock clock) {
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.stores = Stores.over(db);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry); // JIT time: a freshly started appliance is still compiling
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.ingest = new IngestPipeline(db, stores.samples(), stores.events(), stores.devices(), registry, clock);
        this.scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "homepot-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the database (migrating it) and builds the context. */
    public static Appliance open(AppConfig config, Clock clock) {
        Database db = Database.open(config.db(), config.dataDir());
        try {
            Appliance app = new Appliance(config, db, clock);
            StandardDeviceTypes.ensureAll(app.stores().deviceTypes());
            return app;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public AppConfig config() {
        return config;
    }

    public Database db() {
        return db;
    }

    public Stores stores() {
        return stores;
    }

    /** The registry behind {@code /metrics}; register your meters here. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    public PrometheusMeterRegistry prometheus() {
        return registry;
    }

    public Clock clock() {
        return clock;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public IngestPipeline ingest() {
        return ingest;
    }

    /** Shared single-thread scheduler for periodic jobs (demo streaming, housekeeping); keep tasks short. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The application version from the jar manifest, {@code dev} when run from classes. */
    public String version() {
        String v = Appliance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public void addStatusContributor(StatusContributor c) {
        statusContributors.add(c);
    }

    public List<StatusContributor> statusContributors() {
        return List.copyOf(statusContributors);
    }

    /** Mounts {@code service} at {@code path} (e.g. {@code /api/ai/query}); call before the server is built. */
    public void addService(String path, HttpService service) {
        services.add(new MountedService(path, service));
    }

    public List<MountedService> services() {
        return List.copyOf(services);
    }

    /** Registers a resource closed (before the database) when the appliance closes. */
    public synchronized void onClose(AutoCloseable c) {
        closeables.push(c);
    }

    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Error closing " + c, e);
            }
        }
        registry.close();
        db.close();
    }
}
