package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.demo.DemoSite;
import io.homepot.appliance.scoring.ScoringModule;
import io.homepot.appliance.store.DemoIncident;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance on the real demo site, wired like {@code Main}: the scoring path turns the demo's injected
 * "temperature spike" into an incident, and its similar list returns earlier temperature incidents first, with their
 * resolutions (from the seeded history).
 */
class DemoSpikeAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void demoTemperatureSpikeReturnsEarlierTemperatureIncidentsWithResolutions() throws Exception {
        AppConfig cfg = new AppConfig("127.0.0.1", 0, dir, DbConfig.embedded(), LimitsConfig.defaults(),
                new DemoConfig(true, 42, 4, 0), "http://127.0.0.1:9", false);
        Appliance app = Appliance.open(cfg, Clock.systemUTC());
        DemoSite demo = DemoSite.prepare(app);
        IncidentsModule incidents = IncidentsModule.install(app, IncidentIndexConfig.defaults(dir));
        ScoringModule scoring = ScoringModule.install(app);
        scoring.bus().subscribe(incidents.indexer());
        long t0 = System.nanoTime();
        demo.backfill();
        scoring.start();
        assertTrue(scoring.engine().awaitIdle(Duration.ofMinutes(10)));
        System.out.printf("demo back-fill + scoring catch-up: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        try (TestAppliance a = TestAppliance.serve(app, incidents)) {
            a.awaitReady();
            DemoIncident spike = app.stores().demoIncidents().list(demo.site().id()).stream()
                    .filter(i -> i.kind().equals("temperature_spike")).findFirst().orElseThrow();
            List<JsonObject> temps = a.getJson("/api/incidents?category=temperature&limit=1000&device="
                    + spike.deviceId()).getJsonArray("incidents").getValuesAs(JsonObject.class);
            JsonObject inc = temps.stream()
                    .filter(i -> !Instant.parse(i.getString("created_at")).isBefore(spike.startsAt().minusSeconds(300))
                            && !Instant.parse(i.getString("created_at")).isAfter(spike.endsAt()))
                    .reduce((x, y) -> y).orElseThrow(() -> new AssertionError("no incident for the spike: " + temps));
            long id = inc.getJsonNumber("id").longValue();
            a.awaitIndexed(id);
            System.out.println("demo spike incident: " + inc.getString("description"));

            long q0 = System.nanoTime();
            JsonObject body = a.getJson("/api/incidents/" + id + "/similar?k=5");
            System.out.printf("similar over HTTP: %.1f ms%n", (System.nanoTime() - q0) / 1e6);
            List<JsonObject> results = body.getJsonArray("results").getValuesAs(JsonObject.class);
            assertEquals(5, results.size());
            Instant at = Instant.parse(inc.getString("created_at"));
            for (JsonObject r : results) {
                System.out.printf("  %.3f %s %s | %s | %s%n", r.getJsonNumber("similarity_score").doubleValue(),
                        r.getString("date"), r.getString("category"), r.getString("description"),
                        r.isNull("resolution") ? null : r.getString("resolution"));
                assertEquals("temperature", r.getString("category"), r.toString());
                assertTrue(Instant.parse(r.getString("created_at")).isBefore(at), "earlier: " + r);
            }
            assertFalse(results.getFirst().isNull("resolution"), "the best match says what fixed it: " + results);
            assertTrue(results.stream().filter(r -> !r.isNull("resolution")).count() >= 3, results.toString());

            JsonObject status = a.getJson("/api/ai/status").getJsonObject("index");
            System.out.println("index status: " + status);
            assertEquals("ready", status.getString("state"));
            assertEquals(384, status.getInt("dimensions"));
            assertTrue(status.getInt("size") >= 150);
        }
    }
}
