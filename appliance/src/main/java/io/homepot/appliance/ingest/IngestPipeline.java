package io.homepot.appliance.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.DeviceStore;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.EventStore;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.SampleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The only write path for samples and events: validates a whole batch (timestamps in range, devices exist,
 * metrics belong to the device's type, severities known), writes it in ONE transaction, updates
 * {@code devices.last_seen}, and only then notifies {@link IngestListener}s. A rejected batch writes nothing.
 * {@link #ingestEach} does the same for several batches that arrived together (one transaction for the valid ones).
 */
public final class IngestPipeline {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());
    /** Earliest accepted timestamp. */
    public static final Instant MIN_TS = Instant.parse("2000-01-01T00:00:00Z");
    /** How far into the future a timestamp may be. */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);
    /** Accepted event severities. */
    public static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final int MAX_LISTED_ERRORS = 20;

    private final Database db;
    private final SampleStore samples;
    private final EventStore events;
    private final DeviceStore devices;
    private final Clock clock;
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter samplesCounter;
    private final Counter eventsCounter;
    private final Counter rejectedCounter;
    private final Timer commitTimer;

    public IngestPipeline(Database db, SampleStore samples, EventStore events, DeviceStore devices, MeterRegistry registry,
                          Clock clock) {
        this.db = db;
        this.samples = samples;
        this.events = events;
        this.devices = devices;
        this.clock = clock;
        this.samplesCounter = Counter.builder("homepot.ingest.samples").description("Samples committed").register(registry);
        this.eventsCounter = Counter.builder("homepot.ingest.events").description("Events committed").register(registry);
        this.rejectedCounter = Counter.builder("homepot.ingest.rejected.batches").description("Batches rejected")
                .register(registry);
        this.commitTimer = Timer.builder("homepot.ingest.commit").description("Time to write and commit a batch")
                .register(registry);
    }

    /** Adds a listener called after each committed batch. */
    public void addListener(IngestListener listener) {
        listeners.add(listener);
    }

    /**
     * Validates and commits {@code batch}.
     *
     * @throws ProblemException (422) naming the first bad item, e.g. {@code samples[517].metric}; nothing is written
     */
    public IngestResult ingest(IngestBatch batch) {
        Outcome o = ingestEach(List.of(batch)).getFirst();
        if (o.problem() != null) {
            throw o.problem();
        }
        return o.result();
    }

    /** What became of one batch of {@link #ingestEach}: its result, or the problem that rejected it. */
    public record Outcome(IngestResult result, ProblemException problem) {
    }

    /**
     * Validates each of {@code batches} on its own and commits the valid ones together in ONE transaction (messages
     * that arrived together, e.g. over MQTT): an invalid batch is rejected alone and writes nothing; the others are
     * stored. Listeners are notified once, after the commit, with every stored sample and event.
     *
     * @return per batch, in order, its result or the {@link ProblemException} (422) that rejected it
     * @throws RuntimeException when the store fails: then nothing of any batch is written
     */
    public List<Outcome> ingestEach(List<IngestBatch> batches) {
        Set<Long> ids = new HashSet<>();
        for (IngestBatch b : batches) {
            b.samples().forEach(x -> ids.add(x.deviceId()));
            b.events().forEach(x -> ids.add(x.deviceId()));
        }
        Map<Long, DeviceStore.DeviceMetrics> known = devices.metricsOf(ids);
        ProblemException[] problems = new ProblemException[batches.size()];
        List<Sample> samples = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Map<Long, Instant> lastSeen = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            IngestBatch b = batches.get(i);
            try {
                validate(b, known);
            } catch (ProblemException e) {
                rejectedCounter.increment();
                problems[i] = e;
                continue;
            }
            samples.addAll(b.samples());
            events.addAll(b.events());
            b.samples().forEach(x -> lastSeen.merge(x.deviceId(), x.ts(), (a, c) -> a.isAfter(c) ? a : c));
            b.events().forEach(x -> lastSeen.merge(x.deviceId(), x.ts(), (a, c) -> a.isAfter(c) ? a : c));
        }
        long nanos = 0;
        if (!samples.isEmpty() || !events.isEmpty() || !lastSeen.isEmpty()) {
            long t0 = System.nanoTime();
            db.inTransaction(c -> {
                this.samples.insert(c, samples);
                this.events.insert(c, events);
                devices.touchLastSeen(c, lastSeen);
                return null;
            });
            nanos = System.nanoTime() - t0;
            commitTimer.record(Duration.ofNanos(nanos));
            samplesCounter.increment(samples.size());
            eventsCounter.increment(events.size());
            for (IngestListener l : listeners) {
                try {
                    l.onCommitted(samples, events);
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "Ingest listener " + l + " failed", ex);
                }
            }
        }
        List<Outcome> out = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            IngestBatch b = batches.get(i);
            if (problems[i] != null) {
                out.add(new Outcome(null, problems[i]));
                continue;
            }
            Set<Long> devs = new HashSet<>();
            b.samples().forEach(x -> devs.add(x.deviceId()));
            b.events().forEach(x -> devs.add(x.deviceId()));
            out.add(new Outcome(new IngestResult(b.samples().size(), b.events().size(), devs.size(), nanos / 1_000_000),
                    null));
        }
        return out;
    }

    private void validate(IngestBatch batch, Map<Long, DeviceStore.DeviceMetrics> known) {
        Instant maxTs = clock.instant().plus(MAX_FUTURE);
        List<ProblemException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.samples().size() && errors.size() < MAX_LISTED_ERRORS; i++) {
            Sample s = batch.samples().get(i);
            String p = "samples[" + i + "]";
            DeviceStore.DeviceMetrics dm = known.get(s.deviceId());
            if (dm == null) {
                errors.add(new ProblemException.FieldError(p + ".device_id", "Unknown device " + s.deviceId()));
            } else if (!dm.metrics().contains(s.metric())) {
                errors.add(new ProblemException.FieldError(p + ".metric", "Unknown metric '" + s.metric() + "' for device "
                        + s.deviceId() + " of type " + dm.typeCode() + "; allowed metrics: "
                        + String.join(", ", dm.metrics().stream().sorted().toList())));
            }
            checkTs(errors, p + ".ts", s.ts(), maxTs);
            if (Double.isNaN(s.value()) || Double.isInfinite(s.value())) {
                errors.add(new ProblemException.FieldError(p + ".value", "Value must be a finite number"));
            }
        }
        for (int i = 0; i < batch.events().size() && errors.size() < MAX_LISTED_ERRORS; i++) {
            Event e = batch.events().get(i);
            String p = "events[" + i + "]";
            if (!known.containsKey(e.deviceId())) {
                errors.add(new ProblemException.FieldError(p + ".device_id", "Unknown device " + e.deviceId()));
            }
            checkTs(errors, p + ".ts", e.ts(), maxTs);
            if (!SEVERITIES.contains(e.severity())) {
                errors.add(new ProblemException.FieldError(p + ".severity", "Unknown severity '" + e.severity()
                        + "'; allowed: critical, info, warning"));
            }
            if (e.value() != null && (e.value().isNaN() || e.value().isInfinite())) {
                errors.add(new ProblemException.FieldError(p + ".value", "Value must be a finite number"));
            }
        }
        if (!errors.isEmpty()) {
            ProblemException.FieldError first = errors.getFirst();
            throw new ProblemException(422, "Unprocessable Content", first.field() + ": " + first.detail()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + (errors.size() >= MAX_LISTED_ERRORS ? "+" : "")
                    + " more)" : "") + "; nothing was written", first.field(), errors);
        }
    }

    private static void checkTs(List<ProblemException.FieldError> errors, String field, Instant ts, Instant maxTs) {
        if (ts.isBefore(MIN_TS)) {
            errors.add(new ProblemException.FieldError(field, "Timestamp " + ts + " is before " + MIN_TS));
        } else if (ts.isAfter(maxTs)) {
            errors.add(new ProblemException.FieldError(field, "Timestamp " + ts + " is more than " + MAX_FUTURE.toHours()
                    + "h in the future"));
        }
    }
}
