package io.homepot.appliance.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.catalog.StandardDeviceTypes;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.incidents.DemoIncidentHistory;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.status.StatusContributor;
import io.homepot.appliance.store.DemoIncident;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;
import jakarta.json.JsonObject;

/**
 * The demo site "Building A" ({@code sites.demo = true}, devices {@code demo = true}).
 * <ol>
 *   <li>{@link #prepare} creates the types, site, 42 devices and the incident schedule ({@code demo_incidents},
 *       also at {@code GET /api/sites/{id}/demo-incidents}) once; later starts find the site and seed nothing.</li>
 *   <li>{@link #backfill} writes per-minute samples from the newest stored sample of each series (or the window
 *       start, {@code days} before the site's creation) up to now, with big JDBC batches, bypassing listeners.
 *       Running it again only fills the gap, so a restart after downtime (or an interrupted seed) never duplicates.</li>
 *   <li>{@link #start} runs the back-fill in the background, then streams one sample per series per minute
 *       through the {@link io.homepot.appliance.ingest.IngestPipeline} (listeners see live data).</li>
 * </ol>
 * The data is a pure function of seed, anchor (site creation minute) and schedule: see {@link DemoSignals}.
 */
public final class DemoSite {
    private static final Logger LOG = Logger.getLogger(DemoSite.class.getName());
    public static final String SITE_NAME = "Building A";

    private final Appliance app;
    private final Site site;
    private final Instant windowStart;
    private final List<DemoSignals.Series> series;
    private final Map<Long, String> primaryMetric = new HashMap<>();
    private final DemoSignals signals;
    private final Map<String, Instant> lastStreamed = new HashMap<>();
    private final AtomicReference<String> state = new AtomicReference<>("prepared");
    private final AtomicLong backfilledRows = new AtomicLong();
    private final AtomicLong backfillMillis = new AtomicLong(-1);
    private final AtomicLong streamedRows = new AtomicLong();
    private volatile Runnable afterBackfill = () -> { };

    private DemoSite(Appliance app, Site site, Instant windowStart, List<DemoSignals.Series> series) {
        this.app = app;
        this.site = site;
        this.windowStart = windowStart;
        this.series = series;
        this.signals = new DemoSignals(app.config().demo().seed());
        series.forEach(s -> primaryMetric.putIfAbsent(s.deviceId(), s.metric()));
    }

    /** Creates the demo site if absent (fast: no samples yet) and registers the {@code demo} status section. */
    public static DemoSite prepare(Appliance app) {
        Stores st = app.stores();
        DemoConfig cfg = app.config().demo();
        Map<String, DeviceType> types = new HashMap<>();
        for (StandardDeviceTypes.TypeSpec t : StandardDeviceTypes.all()) {
            types.put(t.code(), st.deviceTypes().ensure(t.code(), t.name(), t.description(), t.metrics()));
        }
        Site site = st.sites().findDemo().orElseGet(() -> create(app, types, cfg));
        Instant anchor = site.createdAt().truncatedTo(ChronoUnit.MINUTES);
        // resolved past incidents over the 90 days before the anchor (once per site), for similar-incident answers
        DemoIncidentHistory.seed(st, site.id(), anchor, cfg.seed());
        List<Device> devices = st.devices().list(new DeviceQuery(site.id(), null, null, null, 1000, 0)).items();
        Map<String, Device> byName = new HashMap<>();
        devices.forEach(d -> byName.put(d.name(), d));
        List<DemoIncident> schedule = st.demoIncidents().list(site.id());
        List<DemoSignals.Series> series = new ArrayList<>();
        for (DemoCatalog.DeviceSpec spec : DemoCatalog.devices()) {
            Device d = byName.get(spec.name());
            if (d == null) {
                continue;                                        // removed by the user: stop generating it
            }
            List<DemoIncident> mine = schedule.stream().filter(i -> i.deviceId() == d.id()).toList();
            for (var m : types.get(spec.type()).metrics()) {
                series.add(new DemoSignals.Series(d.id(), d.name(), spec.type(), m.name(), spec.base().get(m.name()),
                        spec.swing().get(m.name()), spec.noise().get(m.name()), mine));
            }
        }
        DemoSite demo = new DemoSite(app, site, anchor.minus(Duration.ofDays(cfg.days())), series);
        app.addStatusContributor(demo.status());
        return demo;
    }

    private static Site create(Appliance app, Map<String, DeviceType> types, DemoConfig cfg) {
        Stores st = app.stores();
        Instant anchor = app.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        Instant start = anchor.minus(Duration.ofDays(cfg.days()));
        return app.db().inTransaction(c -> {
            Site s = st.sites().create(c, SITE_NAME, "1 Demo Street", "UTC", true);
            Map<String, Long> ids = new HashMap<>();
            for (DemoCatalog.DeviceSpec d : DemoCatalog.devices()) {
                Device dev = st.devices().create(c, new NewDevice(s.id(), types.get(d.type()).id(), d.name(), d.location(),
                        d.tags(), d.overrides(), "unknown", true));
                ids.put(d.name(), dev.id());
            }
            for (DemoCatalog.IncidentSpec i : DemoCatalog.incidents()) {
                long windowMinutes = Duration.between(start, anchor).toMinutes();
                Instant day = start.plus(Duration.ofMinutes((long) (i.startFraction() * windowMinutes)))
                        .truncatedTo(ChronoUnit.DAYS);
                Instant from = day.plus(Duration.ofHours(i.hourOfDay())).plus(Duration.ofMinutes(i.offsetMinutes()));
                Instant to = i.minutes() < 0 ? anchor : from.plus(Duration.ofMinutes(i.minutes()));
                if (to.isAfter(anchor)) {
                    to = anchor;
                }
                if (!from.isBefore(to)) {
                    continue;                                    // window too short for this incident
                }
                st.demoIncidents().insert(c, new DemoIncident(null, s.id(), ids.get(i.device()), i.kind(), i.metric(), from,
                        to, i.description()));
            }
            return s;
        });
    }

    /** Deletes the demo site and everything under it; false when there is none. */
    public static boolean remove(Appliance app) {
        return app.stores().sites().findDemo().map(s -> app.stores().sites().delete(s.id())).orElse(false);
    }

    public Site site() {
        return site;
    }

    /** Runs {@code hook} after the background back-fill of {@link #start} (scoring queues a catch-up there). */
    public void onBackfilled(Runnable hook) {
        this.afterBackfill = hook;
    }

    /** Back-fills in the background, then streams live samples every {@code live-interval-seconds}. */
    public void start() {
        Thread t = new Thread(() -> {
            try {
                backfill();
                afterBackfill.run();
                int every = app.config().demo().liveIntervalSeconds();
                if (every > 0) {
                    state.set("streaming");
                    app.scheduler().scheduleWithFixedDelay(this::safeTick, every, every, TimeUnit.SECONDS);
                }
            } catch (RuntimeException e) {
                state.set("failed: " + e.getMessage());
                LOG.log(Level.SEVERE, "Demo back-fill failed", e);
            }
        }, "homepot-demo-backfill");
        t.setDaemon(true);
        t.start();
    }

    /** Fills every series from its newest stored sample (or the window start) to now; returns rows written. */
    public long backfill() {
        state.set("backfilling");
        long t0 = System.nanoTime();
        Instant now = app.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        Map<Long, Instant> lastSeen = new HashMap<>();
        long rows = 0;
        boolean bulk = app.stores().samples().isEmpty();
        if (bulk) {
            app.stores().samples().dropSeriesIndex(); // first seed: build the index once at the end
        }
        try {
            rows = backfillSeries(now, lastSeen, bulk);
        } finally {
            app.stores().samples().ensureSeriesIndex();
        }
        app.db().inTransaction(c -> {
            app.stores().devices().touchLastSeen(c, lastSeen);
            return null;
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        backfillMillis.set(ms);
        state.set("ready");
        LOG.info("Demo site '" + SITE_NAME + "': back-filled " + rows + " samples for " + series.size() + " series in "
                + ms + " ms" + (bulk ? " (bulk load, index built at the end)" : ""));
        return rows;
    }

    private long backfillSeries(Instant now, Map<Long, Instant> lastSeen, boolean fromWindowStart) {
        long rows = 0;
        for (DemoSignals.Series s : series) {
            Instant from = fromWindowStart ? windowStart : app.stores().samples().latest(s.deviceId(), s.metric())
                    .map(x -> x.plusSeconds(60)).filter(x -> x.isAfter(windowStart)).orElse(windowStart);
            List<Sample> batch = new ArrayList<>();
            for (Instant t = from; !t.isAfter(now); t = t.plusSeconds(60)) {
                batch.add(new Sample(s.deviceId(), s.metric(), t, signals.value(s, t)));
                if (batch.size() == 50_000) {
                    app.stores().samples().insert(batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
            app.stores().samples().insert(batch);
            rows += batch.size();
            backfilledRows.set(rows);
            if (s.metric().equals(primaryMetric.get(s.deviceId()))) {
                Instant f = from;
                List<Event> ev = s.incidents().stream().flatMap(i -> DemoSignals.events(i).stream())
                        .filter(e -> !e.ts().isBefore(f) && !e.ts().isAfter(now)).toList();
                app.stores().events().insert(ev);
            }
            lastSeen.put(s.deviceId(), now);
            lastStreamed.put(key(s), now);
        }
        return rows;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Demo live streaming tick failed", e);
        }
    }

    /** Streams the samples (and incident events) due since the last tick through the ingest pipeline. */
    public int tick() {
        Instant now = app.clock().instant().truncatedTo(ChronoUnit.MINUTES);
        List<Sample> samples = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (DemoSignals.Series s : series) {
            Instant last = lastStreamed.getOrDefault(key(s), now.minusSeconds(60));
            for (Instant t = last.plusSeconds(60); !t.isAfter(now); t = t.plusSeconds(60)) {
                samples.add(new Sample(s.deviceId(), s.metric(), t, signals.value(s, t)));
            }
            if (s.metric().equals(primaryMetric.get(s.deviceId()))) {
                s.incidents().stream().flatMap(i -> DemoSignals.events(i).stream())
                        .filter(e -> e.ts().isAfter(last) && !e.ts().isAfter(now)).forEach(events::add);
            }
            lastStreamed.put(key(s), now);
        }
        int max = app.config().limits().maxBatchItems();
        for (int i = 0; i < samples.size(); i += max) {
            app.ingest().ingest(new IngestBatch(samples.subList(i, Math.min(samples.size(), i + max)),
                    i == 0 ? events : List.of()));
        }
        streamedRows.addAndGet(samples.size());
        return samples.size();
    }

    private static String key(DemoSignals.Series s) {
        return s.deviceId() + "/" + s.metric();
    }

    private StatusContributor status() {
        return new StatusContributor() {
            @Override
            public String name() {
                return "demo";
            }

            @Override
            public JsonObject snapshot() {
                return Json.obj().put("site_id", site.id()).put("site", SITE_NAME).put("state", state.get())
                        .put("series", series.size()).put("window_start", windowStart)
                        .put("backfilled_samples", backfilledRows.get())
                        .put("backfill_ms", backfillMillis.get() < 0 ? null : backfillMillis.get())
                        .put("streamed_samples", streamedRows.get()).build();
            }
        };
    }
}
