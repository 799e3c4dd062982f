package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.homepot.appliance.store.Incident;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index survives restarts and is rebuilt from {@code ai_incident_patterns} when its files are gone. */
class RestartAndRebuildTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void restartKeepsEveryIncidentSearchableAndDeletedIndexIsRebuilt() throws Exception {
        List<Incident> all = new ArrayList<>();
        long siteId;
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            siteId = site.site.id();
            all.addAll(DemoIncidentHistory.seed(a.app.stores(), siteId, ANCHOR, 7));
            a.awaitReady();
            a.incidents.indexer().requestReconcile();
            // a few live incidents after start, through the indexer queue (not yet snapshotted: change log only)
            for (int i = 0; i < 5; i++) {
                Incident inc = a.app.stores().incidents().insert(SiteFixture.incident(site.device("POS-12"),
                        "POS-12 card reader timed out " + (i + 3) + " times in a row during checkout", "performance",
                        "warning", ANCHOR.minusSeconds(600L * i)));
                a.incidents.indexer().onIncidentCreated(inc);
                all.add(inc);
            }
            for (Incident i : all) {
                a.awaitIndexed(i.id());
            }
        }

        // restart on the same data dir: the snapshot + change log are reopened, nothing is re-embedded
        try (TestAppliance b = TestAppliance.start(dir)) {
            assertTrue(b.startToListeningMs < 5000, "listening in " + b.startToListeningMs + " ms");
            b.awaitReady();
            IndexStatus st = b.memory().status();
            System.out.printf("restart: listening after %d ms, index open %d ms, ready %d ms, re-embedded %d%n",
                    b.startToListeningMs, st.openMillis(), st.readyMillis(), st.embedded());
            assertEquals(all.size(), st.size());
            assertEquals(0, st.embedded(), "a consistent index is not re-embedded");
            assertEverySearchable(b, all, siteId);
        }

        // index files deleted: rebuilt from the table at the next start, with progress in the status
        try (Stream<Path> files = Files.walk(dir.resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (TestAppliance c = TestAppliance.start(dir)) {
            JsonObject early = c.getJson("/api/ai/status").getJsonObject("index");
            assertTrue(List.of("opening", "rebuilding", "ready").contains(early.getString("state")), early.toString());
            c.awaitReady();
            JsonObject index = c.getJson("/api/ai/status").getJsonObject("index");
            System.out.println("status after rebuild: " + index);
            assertEquals("ready", index.getString("state"));
            assertEquals(all.size(), index.getInt("size"));
            assertEquals(384, index.getInt("dimensions"));
            assertEquals("fp32", index.getString("model"));
            assertTrue(!index.isNull("last_snapshot"), "snapshot written after the rebuild");
            assertEquals(all.size(), c.memory().status().embedded());
            assertEverySearchable(c, all, siteId);
        }
    }

    /** Every incident is found by its own description as the best match, through HTTP. */
    private static void assertEverySearchable(TestAppliance a, List<Incident> all, long siteId) {
        long t0 = System.nanoTime();
        for (Incident i : all) {
            String q = URLEncoder.encode(i.patternDescription(), StandardCharsets.UTF_8);
            JsonObject body = a.getJson("/api/ai/incidents/similar?k=3&site=" + siteId + "&q=" + q);
            assertEquals("index", body.getString("source"));
            List<JsonObject> res = body.getJsonArray("results").getValuesAs(JsonObject.class);
            assertTrue(!res.isEmpty(), "found " + i.id());
            // identical texts exist in the history; the incident's own text must score as the best match
            boolean found = res.stream().anyMatch(r -> r.getJsonNumber("incident_id").longValue() == i.id())
                    || res.getFirst().getString("description").equals(i.patternDescription());
            assertTrue(found, "incident " + i.id() + " searchable: " + res);
            assertTrue(res.getFirst().getJsonNumber("similarity_score").doubleValue() > 0.99);
        }
        System.out.printf("searched %d incidents over HTTP: %.1f ms per query%n", all.size(),
                (System.nanoTime() - t0) / 1e6 / all.size());
    }
}
