package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.homepot.appliance.store.Incident;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo history makes similarity answers meaningful: a temperature spike finds earlier temperature incidents. */
class DemoHistorySimilarityTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void temperatureSpikeFindsEarlierTemperatureIncidentsWithResolutions() throws Exception {
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            List<Incident> history = DemoIncidentHistory.seed(a.app.stores(), site.site.id(), ANCHOR, 42);
            a.incidents.indexer().requestReconcile();
            Incident spike = a.app.stores().incidents().insert(SiteFixture.incident(site.device("Temp Sensor - Server Room"),
                    SiteFixture.temperatureSpikeText(), "temperature", "critical", ANCHOR.minus(Duration.ofHours(2))));
            a.incidents.indexer().onIncidentCreated(spike);
            a.awaitReady();
            a.awaitIndexed(spike.id());
            for (Incident h : history) {
                a.awaitIndexed(h.id());
            }

            JsonObject body = a.getJson("/api/incidents/" + spike.id() + "/similar?k=5");
            List<JsonObject> results = body.getJsonArray("results").getValuesAs(JsonObject.class);
            assertEquals("index", body.getString("source"));
            assertEquals(5, results.size());
            for (JsonObject r : results) {
                System.out.printf("similar %.3f %s | %s | %s%n", r.getJsonNumber("similarity_score").doubleValue(),
                        r.getString("category"), r.getString("description"), r.getString("resolution"));
                assertEquals("temperature", r.getString("category"), r.toString());
                assertFalse(r.isNull("resolution"), r.toString());
                assertTrue(Instant.parse(r.getString("created_at")).isBefore(spike.createdAt()), r.toString());
                double s = r.getJsonNumber("similarity_score").doubleValue();
                assertTrue(s > 0 && s <= 1, r.toString());
                assertTrue(r.getString("date").matches("\\d{4}-\\d{2}-\\d{2}"));
                assertTrue(r.getJsonNumber("incident_id").longValue() != spike.id());
            }
            List<Double> scores = results.stream().map(r -> r.getJsonNumber("similarity_score").doubleValue()).toList();
            for (int i = 1; i < scores.size(); i++) {
                assertTrue(scores.get(i - 1) >= scores.get(i), "best first: " + scores);
            }

            // free-text search through the AI endpoint ranks temperature incidents first too
            JsonObject text = a.getJson("/api/ai/incidents/similar?q=server%20room%20too%20hot&k=3&site=" + site.site.id());
            text.getJsonArray("results").getValuesAs(JsonObject.class)
                    .forEach(r -> assertEquals("temperature", r.getString("category"), r.toString()));
        }
    }

    @Test
    void historyIsRealisticAndDeterministic(@TempDir Path other) {
        List<Incident> first;
        List<Incident> second;
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            long t0 = System.nanoTime();
            first = DemoIncidentHistory.seed(a.app.stores(), site.site.id(), ANCHOR, 42);
            System.out.printf("demo history: %d incidents inserted in %d ms%n", first.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            assertTrue(DemoIncidentHistory.seed(a.app.stores(), site.site.id(), ANCHOR, 42).isEmpty(), "idempotent");
        }
        try (TestAppliance b = TestAppliance.start(other)) {
            SiteFixture site = SiteFixture.create(b.app.stores(), "Building A");
            second = DemoIncidentHistory.seed(b.app.stores(), site.site.id(), ANCHOR, 42);
        }
        assertTrue(first.size() >= 150, "at least 150 incidents: " + first.size());
        assertEquals(first.stream().map(Incident::patternDescription).toList(),
                second.stream().map(Incident::patternDescription).toList());
        Map<String, Long> byCategory = first.stream().collect(Collectors.groupingBy(Incident::category,
                Collectors.counting()));
        assertTrue(byCategory.keySet().containsAll(Set.of("temperature", "humidity", "connectivity", "power",
                "performance", "mechanical", "storage")), byCategory.toString());
        assertTrue(first.stream().map(Incident::patternDescription).distinct().count() > 140, "phrased variously");
        for (Incident i : first) {
            assertTrue(i.resolution() != null && !i.resolution().isBlank());
            assertTrue(i.resolvedAt() != null && i.resolvedAt().isAfter(i.createdAt()));
            assertTrue(i.createdAt().isAfter(ANCHOR.minus(Duration.ofDays(91))) && i.createdAt().isBefore(ANCHOR));
            assertFalse(i.patternDescription().contains("{"), i.patternDescription());
        }
        System.out.println("demo history by category: " + byCategory);
    }
}
