package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.scoring.IncidentNotice;
import io.homepot.appliance.scoring.ScoringBus;
import io.homepot.appliance.scoring.ScoringEngine;
import io.homepot.appliance.scoring.ScoringListener;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Incident;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.Sql;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents written by the scoring path or any store writer become searchable; deletes and overflows repair. */
class IncidentIndexingTest {
    @TempDir
    Path dir;

    @Test
    void incidentFromTheScoringPathBecomesSearchable() throws Exception {
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            ScoringBus bus = new ScoringBus();
            List<IncidentNotice> seen = new CopyOnWriteArrayList<>();
            bus.subscribe(new ScoringListener() {
                @Override
                public void onIncident(IncidentNotice n) {
                    seen.add(n);
                }
            });
            bus.subscribe(a.incidents.indexer());
            try (ScoringEngine engine = new ScoringEngine(a.app.stores(), bus, ScoringEngine.Settings.defaults(dir))) {
                engine.start();
                a.app.ingest().addListener(engine);
                Device sensor = site.device("Temp Sensor - Server Room");
                Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
                Instant start = end.minus(Duration.ofDays(2));
                Random rnd = new Random(1);
                List<Sample> normal = new ArrayList<>();
                for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofMinutes(5))) {
                    normal.add(new Sample(sensor.id(), "temperature", t, 21.0 + rnd.nextGaussian() * 0.2));
                }
                a.app.ingest().ingest(new IngestBatch(normal, List.of()));
                List<Sample> spike = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    spike.add(new Sample(sensor.id(), "temperature", end.plus(Duration.ofMinutes(5L * i)), 34.5 + i * 0.1));
                }
                a.app.ingest().ingest(new IngestBatch(spike, List.of()));
                assertTrue(engine.awaitIdle(Duration.ofSeconds(60)));
            }
            assertFalse(seen.isEmpty(), "the spike created an incident");
            Incident inc = seen.getFirst().incident();
            a.awaitReady();
            a.awaitIndexed(inc.id());
            String q = URLEncoder.encode("server room temperature spike", StandardCharsets.UTF_8);
            JsonObject body = a.getJson("/api/ai/incidents/similar?k=3&q=" + q);
            List<JsonObject> res = body.getJsonArray("results").getValuesAs(JsonObject.class);
            assertEquals(inc.id(), res.getFirst().getJsonNumber("incident_id").longValue(), res.toString());
            assertEquals("Temp Sensor - Server Room", res.getFirst().getString("device_name"));
            assertEquals("temperature", res.getFirst().getString("category"));
            System.out.println("scoring incident: " + res.getFirst().getString("description"));
        }
    }

    @Test
    void storeWrites_overflow_andDeletesReachTheIndex() throws Exception {
        // queue of one: most notifications overflow and are repaired by the reconciliation they trigger
        IncidentIndexConfig cfg = IncidentIndexConfig.defaults(dir).withQueueCapacity(1).withReconcileEvery(Duration.ZERO);
        try (TestAppliance a = TestAppliance.start(dir, cfg)) {
            a.awaitReady();
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            String[] texts = {"UPS-1 switched to battery after a mains failure", "Core Switch uplink flapping every few "
                    + "minutes", "NVR disk usage reached 96 %", "POS-14 receipt printer jammed repeatedly",
                    "HVAC-1 fan bearing noise and vibration", "Stock room humidity at 78 % after rain"};
            String[] devices = {"UPS-1", "Core Switch", "NVR", "POS-14", "HVAC-1", "Temp Sensor - Stock Room"};
            List<Incident> created = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                Incident inc = a.app.stores().incidents().insert(SiteFixture.incident(site.device(devices[i]), texts[i],
                        "other", "warning", Instant.now().minusSeconds(60L * i)));
                created.add(inc);
            }
            created.forEach(a.incidents.indexer()::onIncidentCreated);
            for (Incident i : created) {
                a.awaitIndexed(i.id());
            }
            assertTrue(a.incidents.indexer().dropped() > 0, "the tiny queue overflowed");
            JsonObject body = a.getJson("/api/ai/incidents/similar?k=1&q=" + URLEncoder.encode(
                    "the network switch keeps losing its uplink", StandardCharsets.UTF_8));
            assertEquals(created.get(1).id(), body.getJsonArray("results").getJsonObject(0).getJsonNumber("incident_id")
                    .longValue());

            // a deleted row disappears from the index
            long gone = created.get(1).id();
            a.app.db().inTransaction(c -> Sql.update(c, "DELETE FROM ai_incident_patterns WHERE id = ?", gone));
            a.incidents.indexer().onIncidentDeleted(gone);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (a.memory().indexedRecord(gone).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(a.memory().indexedRecord(gone).isEmpty());
            JsonObject after = a.getJson("/api/ai/incidents/similar?k=6&q=switch%20uplink");
            after.getJsonArray("results").getValuesAs(JsonObject.class)
                    .forEach(r -> assertTrue(r.getJsonNumber("incident_id").longValue() != gone));
            assertEquals(404, a.get("/api/incidents/" + gone).status());

            // rows removed behind the indexer's back (device deleted, cascade) are caught by a reconciliation
            a.app.stores().devices().delete(site.device("NVR").id());
            a.incidents.indexer().requestReconcile();
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (a.memory().indexedRecord(created.get(2).id()).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(a.memory().indexedRecord(created.get(2).id()).isEmpty());
            assertEquals(created.size() - 2, a.memory().status().size());
        }
    }
}
