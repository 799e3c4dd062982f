package io.homepot.appliance.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.ingest.IngestListener;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Stores;
import io.homepot.scoring.detect.DetectorResult;
import io.homepot.scoring.drift.DriftMonitor;
import io.homepot.scoring.health.Thresholds;

/**
 * Scores every committed sample with a {@link io.homepot.scoring.detect.StreamingDetector} per (device, metric) and
 * turns alerts into anomaly rows, incidents and device health.
 *
 * <h2>Threading and durability</h2>
 * {@link #onCommitted} (called by ingest after its commit) only offers the batch to a bounded queue and returns; one
 * worker thread scores batches in arrival order, each batch in time order. Nothing acknowledged is lost: when the
 * queue is full the batch is dropped from the queue and the worker re-reads the database past each series'
 * watermark (its last scored timestamp) instead. Detector state is snapshotted to {@code <data-dir>/scoring/detectors.bin}
 * ({@link DetectorBank}) every few minutes, after each catch-up and on {@link #close}; at {@link #start} the snapshot
 * is restored and every sample newer than the watermarks is re-scored from the database (crash recovery, and the
 * demo back-fill, which is stored without going through ingest). Re-scoring never writes an anomaly twice (a row for
 * the same device, metric and time is skipped). Samples older than their series' watermark are stored but not scored.
 *
 * <h2>Subscribing</h2>
 * Results are published on the {@link ScoringBus} given to the constructor: {@code bus.subscribe(listener)}.
 */
public final class ScoringEngine implements IngestListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScoringEngine.class.getName());
    /** A batch starting later than this after its series' watermark triggers a check for stored samples in between. */
    private static final long GAP_CHECK_MILLIS = 120_000;
    /** History re-read per restored series to rebuild its trend model. */
    private static final Duration TREND_SEED = Duration.ofDays(7);
    /** Days of daily levels over which threshold descriptions give the rate of change. */
    private static final int TREND_DAYS = 7;
    /** Days over which drift descriptions give it (shorter: the week before a drift alert is mostly flat). */
    private static final int DRIFT_TREND_DAYS = 3;

    /**
     * Engine settings.
     *
     * @param snapshotFile      where detector state is persisted
     * @param queueCapacity     batches waiting for the worker before catch-up from the database takes over
     * @param snapshotEvery     wall-clock interval of periodic snapshots
     * @param historyEvery      data-time interval of health-history points (also written on every status change)
     * @param correlationWindow how far around an alert other devices' events and anomalies are looked up
     * @param health            status bands and event window of the health score
     * @param learningPeriod    data time a new series is learned before its detector alerts become incidents: the
     *                          first shop opening or the first night a detector ever sees is new to it, not an
     *                          incident. Scores, health, threshold and drift alerts are not held back.
     */
    public record Settings(Path snapshotFile, int queueCapacity, Duration snapshotEvery, Duration historyEvery,
                           Duration correlationWindow, HealthPolicy health, Duration learningPeriod) {
        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir.resolve("scoring").resolve("detectors.bin"), 4096, Duration.ofMinutes(5),
                    Duration.ofMinutes(15), Duration.ofMinutes(10), HealthPolicy.defaults(), Duration.ofHours(24));
        }

        public Settings withQueueCapacity(int capacity) {
            return new Settings(snapshotFile, capacity, snapshotEvery, historyEvery, correlationWindow, health,
                    learningPeriod);
        }

        public Settings withLearningPeriod(Duration period) {
            return new Settings(snapshotFile, queueCapacity, snapshotEvery, historyEvery, correlationWindow, health,
                    period);
        }
    }

    /** Counters for status pages and benchmarks. */
    public record Stats(int series, long points, long alerts, int queued, long overflows, CatchUp lastCatchUp) {
    }

    /**
     * A series still in its learning period: its detector raises no incident until it has seen {@code learned +
     * remaining} of data time (thresholds, drift and health are not held back).
     */
    public record Learning(String metric, Duration learned, Duration remaining) {
    }

    /** The last catch-up: points re-scored from the database, alerts raised, how long it took. */
    public record CatchUp(long points, long alerts, long millis, Instant at) {
    }

    private sealed interface Task permits Batch, Replay, Barrier, Checkpoint, Stop {
    }

    private record Batch(List<Sample> samples, List<Event> events) implements Task {
    }

    private record Replay() implements Task {
    }

    private record Barrier(CountDownLatch latch) implements Task {
    }

    private record Stop(boolean snapshot) implements Task {
    }

    private record Checkpoint() implements Task {
    }

    private final Stores stores;
    private final ScoringBus bus;
    private final Settings settings;
    private final ScoringQueries q;
    private final DeviceCatalog catalog;
    private final DetectorBank bank = new DetectorBank();
    private final HealthCalculator calc;
    private final IncidentWriter writer;
    private final BlockingQueue<Task> queue;
    private final AtomicBoolean overflow = new AtomicBoolean();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final Map<Long, DeviceHealth> current = new ConcurrentHashMap<>();
    private final Map<Long, List<Learning>> learning = new ConcurrentHashMap<>();
    // worker-thread state
    private final Map<Long, Deque<Event>> recentEvents = new HashMap<>();
    private final Map<Long, ScoringQueries.HealthPoint> lastHistory = new HashMap<>();
    private final Map<Long, DeviceHealth> written = new HashMap<>();
    private long lastSnapshotMillis = System.currentTimeMillis();
    private long pointsAtSnapshot;
    private volatile CatchUp lastCatchUp;
    private volatile boolean closed;
    private Thread worker;

    public ScoringEngine(Stores stores, ScoringBus bus, Settings settings) {
        this.stores = stores;
        this.bus = bus;
        this.settings = settings;
        this.q = new ScoringQueries(stores.db());
        this.catalog = new DeviceCatalog(stores, 60_000);
        this.calc = new HealthCalculator(settings.health());
        this.writer = new IncidentWriter(stores, q, catalog, settings.correlationWindow());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /** Restores the snapshot, starts the worker and queues a catch-up of everything stored past the watermarks. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        boolean restored = bank.load(settings.snapshotFile());
        LOG.info("Scoring engine: " + (restored ? "restored " + bank.size() + " detectors from " + settings.snapshotFile()
                : "no detector snapshot, starting fresh"));
        worker = Thread.ofPlatform().name("homepot-scoring").daemon(true).start(this::run);
        requestCatchUp();
    }

    /**
     * Ingest hook, called after a batch is committed: queues it and returns at once (never blocks ingest).
     */
    @Override
    public void onCommitted(List<Sample> samples, List<Event> events) {
        if (closed) {
            return; // scored from the database by the next start's catch-up
        }
        List<Sample> s = samples == null ? List.of() : List.copyOf(samples);
        List<Event> e = events == null ? List.of() : List.copyOf(events);
        if (s.isEmpty() && e.isEmpty()) {
            return;
        }
        if (!queue.offer(new Batch(s, e))) {
            overflows.incrementAndGet();
            overflow.set(true);
        }
    }

    /** Re-scores everything stored past the watermarks (call after bulk loads that bypass ingest, e.g. the demo). */
    public void requestCatchUp() {
        if (!queue.offer(new Replay())) {
            overflow.set(true);
        }
    }

    /** Waits until everything queued before this call has been scored and written. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        if (!queue.offer(new Barrier(latch), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current health of a device as computed since start, if it has reported. */
    public Optional<DeviceHealth> health(long deviceId) {
        return Optional.ofNullable(current.get(deviceId));
    }

    /** The device's series still in their learning period, as of its latest health assessment (empty: none). */
    public List<Learning> learning(long deviceId) {
        return learning.getOrDefault(deviceId, List.of());
    }

    public HealthPolicy healthPolicy() {
        return settings.health();
    }

    public Stats stats() {
        return new Stats(bank.size(), points.get(), alerts.get(), queue.size(), overflows.get(), lastCatchUp);
    }

    /** Stops the worker after the queued work and writes a final snapshot. */
    @Override
    public void close() {
        stop(true);
    }

    /** Queues a snapshot of the detector state after the work queued so far. */
    public void checkpoint() {
        if (!queue.offer(new Checkpoint())) {
            overflow.set(true);
        }
    }

    /** The detector bank, for tests in this package (read only while the engine is idle). */
    DetectorBank bankForTests() {
        return bank;
    }

    /** Stops without the final snapshot, as a crash would (tests of recovery). */
    void crash() {
        stop(false);
    }

    private synchronized void stop(boolean snapshot) {
        if (closed) {
            return;
        }
        closed = true;
        if (worker == null) {
            return;
        }
        try {
            if (!queue.offer(new Stop(snapshot), 30, TimeUnit.SECONDS)) {
                worker.interrupt();
            }
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ worker

    private void run() {
        while (true) {
            Task t;
            try {
                t = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (t instanceof Stop stop) {
                    if (stop.snapshot()) {
                        snapshot();
                    }
                    return;
                } else if (t instanceof Batch b) {
                    live(b);
                } else if (t instanceof Replay) {
                    catchUp();
                    publishAllLearning();
                } else if (t instanceof Checkpoint) {
                    snapshot();
                } else if (t instanceof Barrier b) {
                    if (overflow.getAndSet(false)) {
                        catchUp();
                    }
                    b.latch().countDown();
                }
                if (overflow.getAndSet(false)) {
                    catchUp();
                }
                if (System.currentTimeMillis() - lastSnapshotMillis >= settings.snapshotEvery().toMillis()) {
                    snapshot();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Scoring failed on " + (t == null ? "idle" : t.getClass().getSimpleName()), e);
            }
        }
    }

    private void live(Batch b) {
        Set<Long> behind = devicesWithStoredGap(b.samples());
        if (!behind.isEmpty()) {
            catchUp(behind);
        }
        ScoringPass pass = new ScoringPass(false);
        for (Event e : b.events()) {
            if (!behind.contains(e.deviceId())) { // a caught-up device re-read its events, these included
                recentEvents.computeIfAbsent(e.deviceId(), k -> new ArrayDeque<>()).addLast(e);
            }
            pass.touch(e.deviceId(), e.ts().toEpochMilli());
        }
        List<Sample> sorted = new ArrayList<>(b.samples());
        sorted.sort(Comparator.comparing(Sample::ts));
        for (Sample s : sorted) {
            score(s.deviceId(), s.metric(), s.ts().toEpochMilli(), s.value(), pass);
        }
        finish(pass);
    }

    /**
     * Devices with a series whose batch starts after a gap that the database has samples in (stored without
     * ingest, e.g. the demo back-fill, or dropped from a full queue): they are replayed before the batch.
     */
    private Set<Long> devicesWithStoredGap(List<Sample> samples) {
        Map<SeriesKey, Instant> first = new HashMap<>();
        for (Sample s : samples) {
            first.merge(new SeriesKey(s.deviceId(), s.metric()), s.ts(), (a, x) -> a.isBefore(x) ? a : x);
        }
        Set<Long> out = new HashSet<>();
        for (Map.Entry<SeriesKey, Instant> e : first.entrySet()) {
            long last = bank.lastTs(e.getKey());
            if (out.contains(e.getKey().deviceId())
                    || (last != SeriesState.NONE && e.getValue().toEpochMilli() - last <= GAP_CHECK_MILLIS)) {
                continue;
            }
            if (q.countBetween(e.getKey().deviceId(), e.getKey().metric(), last, e.getValue()) > 0) {
                out.add(e.getKey().deviceId());
            }
        }
        return out;
    }

    private void catchUp() {
        catchUp(null);
    }

    /** Replays the samples past their watermarks of {@code only} (null = every device), in time order per device. */
    private void catchUp(Set<Long> only) {
        long t0 = System.nanoTime();
        long alertsBefore = alerts.get();
        Map<Long, List<String>> byDevice = new LinkedHashMap<>();
        for (ScoringQueries.SeriesRow r : q.allSeries()) {
            if (only == null || only.contains(r.deviceId())) {
                byDevice.computeIfAbsent(r.deviceId(), k -> new ArrayList<>()).add(r.metric());
            }
        }
        ScoringPass pass = new ScoringPass(true);
        for (Map.Entry<Long, List<String>> d : byDevice.entrySet()) {
            if (closed) {
                break; // shutting down: keep what is done (watermarks are per series), the next start continues
            }
            long dev = d.getKey();
            long watermark = Long.MAX_VALUE;
            for (String m : d.getValue()) {
                watermark = Math.min(watermark, bank.lastTs(new SeriesKey(dev, m)));
            }
            Instant eventsFrom = watermark == SeriesState.NONE ? Instant.EPOCH
                    : Instant.ofEpochMilli(watermark).minus(Duration.ofMinutes(settings.health().eventWindowMinutes()));
            List<Event> evs = q.eventsSince(dev, eventsFrom);
            Deque<Event> recent = new ArrayDeque<>();
            recentEvents.put(dev, recent);
            int[] next = {0};
            q.replay(dev, d.getValue(), watermark, (metric, ms, v) -> {
                while (next[0] < evs.size() && evs.get(next[0]).ts().toEpochMilli() <= ms) {
                    recent.addLast(evs.get(next[0]++));
                }
                score(dev, metric, ms, v, pass);
            });
            while (next[0] < evs.size()) {
                Event e = evs.get(next[0]++);
                recent.addLast(e);
                pass.touch(dev, e.ts().toEpochMilli());
            }
        }
        finish(pass);
        snapshot();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        lastCatchUp = new CatchUp(pass.points, alerts.get() - alertsBefore, ms, Instant.now());
        if (pass.points > 0) {
            LOG.info("Scoring catch-up: " + pass.points + " points of " + bank.size() + " series re-scored in " + ms
                    + " ms, " + lastCatchUp.alerts() + " alerts");
        }
    }

    private void score(long dev, String metric, long ms, double value, ScoringPass pass) {
        SeriesKey key = new SeriesKey(dev, metric);
        SeriesState st = bank.get(key);
        if (ms <= st.lastTs) {
            return;
        }
        Thresholds lim = limits(key, st);
        DetectorResult r = st.update(ms, value);
        DriftMonitor.Result dr = st.updateDrift(ms, value);
        ThresholdWatch.Fire fire = lim == null ? null : st.threshold.update(ms, value, lim);
        pass.points++;
        points.incrementAndGet();
        pass.touch(dev, ms);
        boolean alerted = false;
        // a series still in its learning period raises no detector incident (and none holds back a threshold alert)
        boolean learning = st.detector.historyMillis() < settings.learningPeriod().toMillis();
        // one incident -> one alert: a detector alert and a threshold crossing of the same series within
        // ThresholdWatch.SAME_INCIDENT_MILLIS are the same incident, the first one is kept
        if (r.alertStarted() && !learning && !st.threshold.thresholdAlertedRecently(ms)) {
            st.threshold.lastDetectorAlert = ms;
            alerted |= raise(pass, new AlertFact(dev, metric, Instant.ofEpochMilli(ms), value, r.expected(),
                    r.deviationSigma(), r.score(), r.kind().label(), null, null));
        }
        if (!st.drift.episodeOpen()) {
            st.threshold.driftEpisodeLevel = 0;
        }
        // during a drift episode the daily cycle re-crosses a limit every day: only the first crossing and an
        // escalation to critical alert
        if (fire != null && (learning || !st.alertOpen) && !st.threshold.detectorAlertedRecently(ms)
                && fire.level() > st.threshold.driftEpisodeLevel) {
            st.threshold.lastThresholdAlert = ms;
            if (st.drift.episodeOpen()) {
                st.threshold.driftEpisodeLevel = fire.level();
            }
            alerted |= raise(pass, new AlertFact(dev, metric, Instant.ofEpochMilli(ms), value, r.expected(),
                    r.deviationSigma(), fire.level() >= 2 ? 1.0 : 0.8, "threshold", null, null,
                    new AlertFact.Trend("threshold", fire.limit(), fire.levelName(), Double.NaN, Double.NaN,
                            st.drift.slopePerDay(TREND_DAYS), st.drift.trendDays(TREND_DAYS), st.drift.sigma())));
        }
        if (dr.alertStarted()) {
            DriftMonitor d = st.drift;
            double k = d.config().alertSigma();
            alerted |= raise(pass, new AlertFact(dev, metric, Instant.ofEpochMilli(ms), d.level(), d.reference(),
                    dr.excess(), Math.min(1.0, 0.75 + 0.25 * (Math.abs(dr.excess()) - k) / k), "drift", null, null,
                    new AlertFact.Trend("drift", Double.NaN, null, d.referenceLow(), d.referenceHigh(),
                            d.slopePerDay(DRIFT_TREND_DAYS), d.trendDays(DRIFT_TREND_DAYS), d.sigma())));
        }
        if (!alerted && pass.replay) {
            Long last = pass.lastAssess.get(dev);
            if (last == null || ms - last >= settings.historyEvery().toMillis()) {
                assess(dev, Instant.ofEpochMilli(ms), pass);
            }
        }
    }

    /** Assesses the device's health at the alert and queues the alert; false when the device is gone. */
    private boolean raise(ScoringPass pass, AlertFact a) {
        DeviceHealth h = assess(a.deviceId(), a.ts(), pass);
        if (h == null) {
            return false;
        }
        pass.alerts.add(new AlertFact(a.deviceId(), a.metric(), a.ts(), a.value(), a.expected(), a.deviation(), a.score(),
                a.kind(), h, latestValues(a.deviceId()), a.trend()));
        return true;
    }

    /**
     * The series' effective limits (device type's with the device's overrides), re-read at most once a minute; also
     * sets the drift monitor's smallest meaningful spread from them. Null when the device is gone.
     */
    private Thresholds limits(SeriesKey key, SeriesState st) {
        long now = System.currentTimeMillis();
        if (st.limitsLoadedAt == Long.MIN_VALUE || now - st.limitsLoadedAt >= 60_000) {
            st.limitsLoadedAt = now;
            st.limits = catalog.get(key.deviceId())
                    .map(i -> AnomalyClassifier.limits(i.metric(key.metric()).thresholds())).orElse(null);
            if (st.limits != null) {
                st.drift.minSpread(ThresholdWatch.driftFloor(st.limits));
            }
        }
        return st.limits;
    }

    private Map<String, Double> latestValues(long dev) {
        Map<String, Double> out = new LinkedHashMap<>();
        bank.all().forEach((k, s) -> {
            if (k.deviceId() == dev && Double.isFinite(s.lastValue)) {
                out.put(k.metric(), s.lastValue);
            }
        });
        return out;
    }

    /** After a start: the learning state of every restored series, also of devices that have sent nothing since. */
    private void publishAllLearning() {
        Map<Long, Map<String, SeriesState>> byDevice = new HashMap<>();
        bank.all().forEach((k, s) -> byDevice.computeIfAbsent(k.deviceId(), d -> new HashMap<>()).put(k.metric(), s));
        byDevice.forEach(this::publishLearning);
    }

    private void publishLearning(long dev, Map<String, SeriesState> series) {
        long period = settings.learningPeriod().toMillis();
        List<Learning> out = new ArrayList<>();
        series.forEach((metric, st) -> {
            long seen = st.detector.historyMillis();
            if (seen < period) {
                out.add(new Learning(metric, Duration.ofMillis(seen), Duration.ofMillis(period - seen)));
            }
        });
        out.sort(Comparator.comparing(Learning::metric));
        if (out.isEmpty()) {
            learning.remove(dev);
        } else {
            learning.put(dev, List.copyOf(out));
        }
    }

    private DeviceHealth assess(long dev, Instant at, ScoringPass pass) {
        Optional<DeviceInfo> info = catalog.get(dev);
        if (info.isEmpty()) {
            bank.dropDevice(dev);
            learning.remove(dev);
            return null;
        }
        pass.lastAssess.put(dev, at.toEpochMilli());
        Map<String, SeriesState> series = new HashMap<>();
        bank.all().forEach((k, s) -> {
            if (k.deviceId() == dev) {
                series.put(k.metric(), s);
                if (!s.forecastSeeded) {
                    seedForecast(k, s);
                }
            }
        });
        Deque<Event> recent = recentEvents.getOrDefault(dev, new ArrayDeque<>());
        Instant from = at.minus(Duration.ofMinutes(settings.health().eventWindowMinutes()));
        while (!recent.isEmpty() && recent.peekFirst().ts().isBefore(from)) {
            recent.removeFirst();
        }
        List<Event> window = recent.stream().filter(e -> !e.ts().isAfter(at)).toList();
        DeviceHealth h = calc.assess(info.get(), series, window, at);
        publishLearning(dev, series);
        DeviceHealth prev = current.put(dev, h);
        String prevStatus;
        double prevScore;
        if (prev != null) {
            prevStatus = prev.status();
            prevScore = prev.score();
        } else {
            Device d = stores.devices().get(dev).orElse(null);
            prevStatus = d == null ? "unknown" : d.status();
            prevScore = d == null || d.healthScore() == null ? Double.NaN : d.healthScore();
            if (d != null && d.healthScore() != null) {
                written.put(dev, new DeviceHealth(d.healthScore(), d.status(), at, List.of()));
            }
        }
        if (!h.status().equals(prevStatus) || !(Math.abs(h.score() - prevScore) < DeviceHealth.SCORE_STEP)) {
            pass.changes.add(new HealthChange(dev, info.get().siteId(), h.score(), h.status(), prevStatus, at, pass.replay));
        }
        ScoringQueries.HealthPoint last = lastHistory.get(dev);
        if (last == null || !last.status().equals(h.status())
                || Duration.between(last.ts(), at).compareTo(settings.historyEvery()) >= 0) {
            ScoringQueries.HealthPoint p = new ScoringQueries.HealthPoint(dev, at, h.score(), h.status(), HealthJson.factors(h));
            pass.history.add(p);
            lastHistory.put(dev, p);
        }
        pass.dirty.add(dev);
        return h;
    }

    /**
     * A restored series re-learns its recent hourly means (for the health trend) from the database: the last
     * {@link #TREND_SEED} only, as the aggregation scans every stored sample of the window.
     */
    private void seedForecast(SeriesKey k, SeriesState s) {
        s.forecastSeeded = true;
        try {
            Instant to = Instant.ofEpochMilli(s.lastTs).plusMillis(1);
            for (SeriesBucket b : stores.samples().downsample(k.deviceId(), k.metric(), to.minus(TREND_SEED), to, 3600)) {
                s.forecaster.add(b.ts().toEpochMilli(), b.avg());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not seed the forecast of " + k, e);
        }
    }

    private void finish(ScoringPass pass) {
        pass.alerts.sort(Comparator.comparing(AlertFact::ts));
        List<IncidentWriter.Written> done = new ArrayList<>();
        for (AlertFact a : pass.alerts) {
            try {
                writer.write(a, pass.alerts, pass.replay).ifPresent(done::add);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record the alert on device " + a.deviceId() + " " + a.metric(), e);
            }
        }
        for (Long dev : pass.latest.keySet()) {
            if (!pass.replay || pass.latest.get(dev) > pass.lastAssess.getOrDefault(dev, Long.MIN_VALUE)) {
                assess(dev, pass.latest(dev), pass);
            }
        }
        try {
            q.insertHistory(pass.history);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write health history", e);
        }
        for (Long dev : pass.dirty) {
            DeviceHealth h = current.get(dev);
            DeviceHealth w = written.get(dev);
            if (h != null && (w == null || !w.status().equals(h.status()) || Math.abs(w.score() - h.score()) >= 0.001)) {
                try {
                    stores.devices().updateHealth(dev, h.status(), h.score());
                    written.put(dev, h);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not update the health of device " + dev, e);
                }
            }
        }
        for (IncidentWriter.Written w : done) {
            alerts.incrementAndGet();
            bus.anomaly(w.anomaly());
            bus.incident(new IncidentNotice(w.incident(), w.anomaly()));
        }
        for (HealthChange c : pass.changes) {
            bus.health(c);
        }
    }

    private void snapshot() {
        if (points.get() == pointsAtSnapshot && java.nio.file.Files.exists(settings.snapshotFile())) {
            lastSnapshotMillis = System.currentTimeMillis();
            return;
        }
        try {
            bank.save(settings.snapshotFile());
            pointsAtSnapshot = points.get();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not write the detector snapshot " + settings.snapshotFile(), e);
        }
        lastSnapshotMillis = System.currentTimeMillis();
    }
}
