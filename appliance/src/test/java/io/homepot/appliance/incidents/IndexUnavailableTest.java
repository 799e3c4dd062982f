package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.appliance.store.Incident;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a usable model the appliance still answers similar-incident queries from the database, flagged as such. */
class IndexUnavailableTest {
    @TempDir
    Path dir;

    @Test
    void brokenNativeDirFallsBackToTheDatabase() throws Exception {
        Path nativeDir = dir.resolve("native");
        Files.writeString(nativeDir, "not a directory");          // the embedder cannot create its caches
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            Incident inc = a.app.stores().incidents().insert(SiteFixture.incident(site.device("UPS-1"),
                    "UPS-1 switched to battery after a mains failure", "power", "warning", Instant.now()));
            a.incidents.indexer().onIncidentCreated(inc);
            assertFalse(a.memory().awaitReady(Duration.ofSeconds(30)));
            JsonObject index = a.getJson("/api/ai/status").getJsonObject("index");
            assertEquals("failed", index.getString("state"));
            assertFalse(index.isNull("error"));

            JsonObject body = a.getJson("/api/ai/incidents/similar?q=ups%20on%20battery%20mains%20failure&k=3");
            assertEquals("database", body.getString("source"));
            assertEquals(inc.id(), body.getJsonArray("results").getJsonObject(0).getJsonNumber("incident_id").longValue());
            TestAppliance.Response put = a.put("/api/incidents/" + inc.id() + "/resolution",
                    "{\"resolution\": \"Electrician reset a tripped breaker\"}");
            assertEquals(200, put.status(), put.body());
            assertEquals("Electrician reset a tripped breaker", put.json().getString("resolution"));
            var facts = a.incidents.similarIncidents().find(new SimilarIncidents.Query("ups battery", null, null, null,
                    null, 2));
            assertTrue(!facts.isEmpty() && facts.getFirst().incidentId() == inc.id());
        }
    }
}
