package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.homepot.appliance.store.AnomalyLog;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Incident;
import io.homepot.appliance.store.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest → score → anomaly row + fact-based incident + health, against a real H2 file database. */
class ScoringEngineTest {
    static final int DAYS = 3;
    static final Instant SPIKE = ScoringFixture.T0.plusSeconds(2 * 86_400L + 14 * 3600L);

    /** Feeds {@code samples} in hourly batches (as a device gateway would). */
    static void feed(ScoringFixture f, List<Sample> samples, int from, int to) {
        for (int i = from; i < to; i += 60) {
            f.ingest(samples.subList(i, Math.min(to, i + 60)), List.of());
        }
    }

    @Test
    void alertWritesAnomalyIncidentAndHealth(@TempDir Path dir) throws Exception {
        try (ScoringFixture f = new ScoringFixture(dir)) {
            List<AnomalyNotice> anomalies = new CopyOnWriteArrayList<>();
            List<IncidentNotice> incidents = new CopyOnWriteArrayList<>();
            List<HealthChange> health = new CopyOnWriteArrayList<>();
            f.bus.subscribe(new ScoringListener() {
                @Override
                public void onAnomaly(AnomalyNotice a) {
                    anomalies.add(a);
                }

                @Override
                public void onIncident(IncidentNotice i) {
                    incidents.add(i);
                }

                @Override
                public void onHealthChange(HealthChange c) {
                    health.add(c);
                }
            });
            f.startEngine();
            List<Sample> temp = ScoringFixture.temperature(f.sensor.id(), ScoringFixture.T0, DAYS * 1440, SPIKE, 10, 7);
            int spikeIdx = (int) ((SPIKE.getEpochSecond() - ScoringFixture.T0.getEpochSecond()) / 60);
            feed(f, temp, 0, spikeIdx - 60);
            // the HVAC unit reports a compressor fault two minutes before the room heats up
            f.ingest(List.of(), List.of(Event.of(f.hvac.id(), SPIKE.minusSeconds(120), "compressor_fault", "critical",
                    "Compressor tripped", null)));
            feed(f, temp, spikeIdx - 60, spikeIdx + 5);
            f.idle();

            List<AnomalyLog> rows = new ScoringQueries(f.db).allAnomalies(f.site.id());
            AnomalyLog hit = rows.stream().filter(a -> !a.createdAt().isBefore(SPIKE)
                    && a.createdAt().isBefore(SPIKE.plusSeconds(600))).findFirst().orElse(null);
            assertNotNull(hit, "no alert within 10 min of the spike; rows: " + rows);
            assertEquals("temperature", hit.metric());
            assertEquals("temperature", hit.category());
            assertEquals("critical", hit.severity());
            assertTrue(hit.score() >= 0.6, "score " + hit.score());
            assertTrue(hit.metrics().matches("\\{\"temperature\":4[4-5](\\.\\d+)?}"), hit.metrics());
            assertTrue(hit.healthScore() < 0.8 && !"healthy".equals(hit.status()), hit.healthScore() + " " + hit.status());

            List<Incident> inc = f.stores.incidents().list(f.sensor.id(), 10);
            assertEquals(1, inc.stream().filter(i -> !i.createdAt().isBefore(SPIKE)).count(), inc.toString());
            String text = inc.getFirst().patternDescription();
            assertTrue(text.startsWith("Temperature on Sensor R101 (server room) rose to 4"), text);
            assertTrue(text.matches(".*rose to 4[45](\\.\\d)? °C, \\d+\\.\\dσ above its usual 2\\d(\\.\\d)? °C for 14:00.*"), text);
            assertTrue(text.contains("above its critical threshold 35 °C"), text);
            assertTrue(text.contains("HVAC-2 (server room) reported compressor fault 2 min earlier"), text);
            assertTrue(hit.details().contains("\"incident_id\":" + inc.getFirst().id()), hit.details());

            Device d = f.stores.devices().get(f.sensor.id()).orElseThrow();
            assertNotNull(d.healthScore());
            assertTrue(d.healthScore() < 0.8, "device health " + d.healthScore());
            assertNotEquals("healthy", d.status());
            assertFalse(f.engine.health(f.sensor.id()).orElseThrow().factors().isEmpty());
            assertTrue(f.engine.health(f.sensor.id()).orElseThrow().factors().stream()
                    .anyMatch(x -> x.name().equals("temperature_threshold")));
            assertFalse(new ScoringQueries(f.db).history(f.sensor.id(), ScoringFixture.T0, SPIKE.plusSeconds(3600), 10_000)
                    .isEmpty());

            assertEquals(1, anomalies.stream().filter(a -> a.ts().equals(hit.createdAt())).count());
            assertEquals(1, incidents.stream().filter(i -> i.incident().id().equals(inc.getFirst().id())).count());
            assertTrue(health.stream().anyMatch(h -> h.deviceId() == f.sensor.id() && !"healthy".equals(h.status())));
            // quiet before the spike: the clean two days raise no alert
            assertEquals(0, rows.stream().filter(a -> a.createdAt().isBefore(SPIKE.minusSeconds(3600))
                    && a.createdAt().isAfter(ScoringFixture.T0.plusSeconds(86_400))).count(), rows.toString());
        }
    }

    /**
     * For its first day (the learning period) a new series raises no detector incident: a 40 °C reading 6 h in is
     * alerted by its threshold (critical 35 °C), not by the detector, which has not yet seen a whole day. The 45 °C
     * spike on day 3 is a detector alert, as in {@link #alertWritesAnomalyIncidentAndHealth}.
     */
    @Test
    void aNewSeriesIsLearnedForADayBeforeItsDetectorRaisesIncidents(@TempDir Path dir) throws Exception {
        try (ScoringFixture f = new ScoringFixture(dir)) {
            f.startEngine();
            List<Sample> temp = new ArrayList<>(ScoringFixture.temperature(f.sensor.id(), ScoringFixture.T0, DAYS * 1440,
                    SPIKE, 10, 7));
            int early = 6 * 60;
            for (int i = early; i < early + 10; i++) {
                temp.set(i, new Sample(f.sensor.id(), "temperature", temp.get(i).ts(), 40.0));
            }
            int halfDay = 12 * 60;
            feed(f, temp, 0, halfDay);
            f.idle();
            // the device's health says which of its series is still learning, and for how much longer
            List<ScoringEngine.Learning> learning = f.engine.learning(f.sensor.id());
            assertEquals(List.of("temperature"), learning.stream().map(ScoringEngine.Learning::metric).toList());
            assertEquals(Duration.ofMinutes(halfDay - 1), learning.getFirst().learned(), learning.toString());
            assertEquals(Duration.ofMinutes(24 * 60 - halfDay + 1), learning.getFirst().remaining(), learning.toString());
            // a restart knows it at once from the snapshot, before the device sends anything new
            f.engine.close();
            f.startEngine();
            f.idle();
            assertEquals(learning, f.engine.learning(f.sensor.id()));
            feed(f, temp, halfDay, temp.size());
            f.idle();
            assertEquals(List.of(), f.engine.learning(f.sensor.id()), "learned after a day of data");

            List<AnomalyLog> rows = new ScoringQueries(f.db).allAnomalies(f.site.id());
            Instant earlyAt = temp.get(early).ts(), learned = ScoringFixture.T0.plusSeconds(86_400);
            List<AnomalyLog> atEarly = rows.stream().filter(a -> !a.createdAt().isBefore(earlyAt)
                    && a.createdAt().isBefore(earlyAt.plusSeconds(600))).toList();
            assertEquals(1, atEarly.size(), rows.toString());
            assertTrue(atEarly.getFirst().details().contains("\"source\":\"threshold\""), atEarly.getFirst().details());
            assertEquals(0, rows.stream().filter(a -> a.createdAt().isBefore(learned)
                    && a.details().contains("\"source\":\"detector\"")).count(), rows.toString());
            assertTrue(rows.stream().anyMatch(a -> !a.createdAt().isBefore(SPIKE)
                    && a.createdAt().isBefore(SPIKE.plusSeconds(600))
                    && a.details().contains("\"source\":\"detector\"")), rows.toString());
        }
    }

    private record Run(List<String> anomalies, byte[] detector) {
    }

    private static Run result(ScoringFixture f) {
        List<String> a = new ArrayList<>();
        for (AnomalyLog x : new ScoringQueries(f.db).allAnomalies(f.site.id())) {
            a.add(x.metric() + "@" + x.createdAt() + "=" + x.score() + "/" + x.severity());
        }
        return new Run(a, null);
    }

    private static byte[] detectorBytes(ScoringEngine e, Device d) {
        return e.bankForTests().peek(new SeriesKey(d.id(), "temperature")).detector.snapshot();
    }

    @Test
    void restartRestoresDetectorStateAndCrashRecoveryRescoresFromTheDatabase(@TempDir Path dir) throws Exception {
        List<Sample> temp;
        Run straight;
        byte[] straightState;
        try (ScoringFixture f = new ScoringFixture(dir.resolve("straight"))) {
            temp = ScoringFixture.temperature(f.sensor.id(), ScoringFixture.T0, DAYS * 1440, SPIKE, 10, 11);
            f.startEngine();
            feed(f, temp, 0, temp.size());
            f.idle();
            straight = result(f);
            straightState = detectorBytes(f.engine, f.sensor);
        }
        assertFalse(straight.anomalies().isEmpty(), "the spike must alert");

        // a full queue drops batches from the queue, never from scoring: the worker re-reads them from the database
        try (ScoringFixture f = new ScoringFixture(dir.resolve("overflow"))) {
            f.startEngine(ScoringEngine.Settings.defaults(f.dir).withQueueCapacity(2));
            for (int i = 0; i < temp.size(); i += 10) {
                f.ingest(temp.subList(i, Math.min(temp.size(), i + 10)), List.of());
            }
            f.idle();
            assertTrue(f.engine.stats().overflows() > 0, "the test must overflow the queue: " + f.engine.stats());
            assertEquals(straight.anomalies(), result(f).anomalies());
            assertArrayEquals(straightState, detectorBytes(f.engine, f.sensor));
        }

        // clean restart half-way: the second engine continues from the snapshot
        Path p = dir.resolve("restart");
        int half = temp.size() / 2;
        try (ScoringFixture f = new ScoringFixture(p)) {
            f.startEngine();
            feed(f, temp, 0, half);
            f.idle();
        }
        assertTrue(Files.size(p.resolve("scoring/detectors.bin")) > 16);
        try (ScoringFixture f = new ScoringFixture(p)) {
            f.startEngine();
            f.idle();
            assertEquals(0, f.engine.stats().lastCatchUp().points(), "nothing to re-score after a clean stop");
            feed(f, temp, half, temp.size());
            f.idle();
            assertEquals(straight.anomalies(), result(f).anomalies());
            assertArrayEquals(straightState, detectorBytes(f.engine, f.sensor));
        }

        // crash: a checkpoint at one third, more data (and the spike's alert) scored, then no final snapshot
        Path c = dir.resolve("crash");
        try (ScoringFixture f = new ScoringFixture(c)) {
            f.startEngine();
            feed(f, temp, 0, temp.size() / 3);
            f.engine.checkpoint();
            feed(f, temp, temp.size() / 3, temp.size() - 600);
            f.idle();
            f.engine.crash();
            f.engine = null;
            // committed while the appliance was down: only the database has it
            f.ingest(temp.subList(temp.size() - 600, temp.size()), List.of());
        }
        try (ScoringFixture f = new ScoringFixture(c)) {
            f.startEngine();
            f.idle();
            assertEquals(straight.anomalies(), result(f).anomalies(), "re-scored, without duplicate anomaly rows");
            assertArrayEquals(straightState, detectorBytes(f.engine, f.sensor));
            assertTrue(f.engine.stats().lastCatchUp().points() >= temp.size() - temp.size() / 3,
                    "re-scored since the checkpoint: " + f.engine.stats().lastCatchUp());
        }
    }
}
