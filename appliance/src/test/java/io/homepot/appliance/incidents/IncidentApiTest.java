package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.appliance.store.Incident;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident endpoints over real HTTP: listing, resolution updates reaching search results, and 4xx problems. */
class IncidentApiTest {
    @TempDir
    static Path dir;
    private static TestAppliance a;
    private static SiteFixture site;
    private static Incident fanIncident;

    @BeforeAll
    static void start() throws Exception {
        a = TestAppliance.start(dir);
        site = SiteFixture.create(a.app.stores(), "Building A");
        DemoIncidentHistory.seed(a.app.stores(), site.site.id(), Instant.now(), 3);
        a.awaitReady();
        a.incidents.indexer().requestReconcile();
        fanIncident = a.app.stores().incidents().insert(SiteFixture.incident(site.device("HVAC-1"),
                "Fan on HVAC-1 (sales floor) grinding loudly; airflow weak and fan speed dropped to 700 rpm.", "mechanical",
                "warning", Instant.now().minusSeconds(30)));
        a.incidents.indexer().onIncidentCreated(fanIncident);
        a.awaitIndexed(fanIncident.id());
    }

    @AfterAll
    static void stop() {
        a.close();
    }

    @Test
    void listsIncidentsNewestFirstWithFilters() {
        JsonObject all = a.getJson("/api/incidents?limit=10&site=" + site.site.id());
        List<JsonObject> items = all.getJsonArray("incidents").getValuesAs(JsonObject.class);
        assertEquals(10, items.size());
        assertEquals(fanIncident.id(), items.getFirst().getJsonNumber("id").longValue());
        for (String f : List.of("id", "device_id", "device_name", "created_at", "description", "category", "severity",
                "resolution")) {
            assertTrue(items.getFirst().containsKey(f), f);
        }
        List<JsonObject> temp = a.getJson("/api/incidents?category=temperature&limit=500").getJsonArray("incidents")
                .getValuesAs(JsonObject.class);
        assertFalse(temp.isEmpty());
        temp.forEach(i -> assertEquals("temperature", i.getString("category")));
        long dev = site.device("HVAC-1").id();
        a.getJson("/api/incidents?device=" + dev).getJsonArray("incidents").getValuesAs(JsonObject.class)
                .forEach(i -> assertEquals(dev, i.getJsonNumber("device_id").longValue()));
        JsonObject one = a.getJson("/api/incidents/" + fanIncident.id());
        assertEquals("HVAC-1", one.getString("device_name"));
        assertEquals(site.site.id(), one.getJsonNumber("site_id").longValue());
    }

    @Test
    void resolutionIsStoredAndReflectedInSearchResults() {
        String resolution = "Replaced worn fan bearing on HVAC-1; airflow back to normal";
        TestAppliance.Response r = a.put("/api/incidents/" + fanIncident.id() + "/resolution",
                "{\"resolution\": \"" + resolution + "\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(resolution, r.json().getString("resolution"));
        assertFalse(r.json().isNull("resolved_at"));
        assertEquals(resolution, a.app.stores().incidents().get(fanIncident.id()).orElseThrow().resolution());
        // the index record carries it too (used by filters and by the AI fact sheets), with no re-embedding
        assertEquals(resolution, a.memory().indexedRecord(fanIncident.id()).orElseThrow().resolution());
        JsonObject found = a.getJson("/api/ai/incidents/similar?k=1&q=HVAC%20fan%20grinding%20noise%20low%20airflow");
        JsonObject top = found.getJsonArray("results").getJsonObject(0);
        assertEquals(fanIncident.id(), top.getJsonNumber("incident_id").longValue(), found.toString());
        assertEquals(resolution, top.getString("resolution"));
    }

    @Test
    void aFreeTextGetsTheCategoryItMostLikelyBelongsTo() {
        // alert texts phrased unlike the demo history: the guess comes from the index's category prototypes
        assertEquals("power", guess("UPS switched to battery, mains input 0 V"));
        assertEquals("connectivity", guess("Switch port Gi0/12 went down, terminal unreachable"));
        assertEquals("mechanical", guess("Supply fan bearing noise, vibration rising"));
        JsonObject g = a.getJson("/api/ai/incidents/similar?k=1&q=Server%20room%20far%20too%20hot")
                .getJsonObject("category_guess");
        assertEquals("temperature", g.getString("category"));
        double sim = g.getJsonNumber("similarity").doubleValue();
        assertTrue(sim > 0 && sim <= 1, g.toString());
        assertTrue(g.getJsonNumber("margin").doubleValue() >= 0, g.toString());
    }

    private String guess(String text) {
        String q = java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
        return a.getJson("/api/ai/incidents/similar?k=1&q=" + q).getJsonObject("category_guess").getString("category");
    }

    @Test
    void similarToAnIncidentHonoursKAndScope() {
        JsonObject body = a.getJson("/api/incidents/" + fanIncident.id() + "/similar?k=7&scope=all");
        List<JsonObject> res = body.getJsonArray("results").getValuesAs(JsonObject.class);
        assertEquals(7, res.size());
        assertEquals(fanIncident.id(), body.getJsonNumber("incident_id").longValue());
        List<Long> ids = new ArrayList<>();
        for (JsonObject x : res) {
            ids.add(x.getJsonNumber("incident_id").longValue());
            double s = x.getJsonNumber("similarity_score").doubleValue();
            assertTrue(s >= 0 && s <= 1);
        }
        assertFalse(ids.contains(fanIncident.id()), "never itself");
        List<JsonObject> mech = a.getJson("/api/incidents/" + fanIncident.id() + "/similar?k=3&category=mechanical")
                .getJsonArray("results").getValuesAs(JsonObject.class);
        mech.forEach(x -> assertEquals("mechanical", x.getString("category")));
    }

    @Test
    void aiFactSheetsGetIndexBackedSimilarIncidents() {
        var found = a.incidents.similarIncidents().find(new SimilarIncidents.Query(
                "The server room is too hot, cooling seems weak", null, null, "temperature", site.site.id(), 3));
        assertEquals(3, found.size());
        for (var f : found) {
            assertEquals("temperature", f.category(), f.toString());
            assertTrue(f.similarityScore() > 0 && f.similarityScore() <= 1);
            assertTrue(f.date().matches("\\d{4}-\\d{2}-\\d{2}"));
            assertTrue(f.resolution() != null && f.deviceName() != null);
        }
        assertTrue(a.incidents.similarIncidents().find(new SimilarIncidents.Query("hot", null, null, null,
                site.site.id() + 1000, 3)).isEmpty(), "another site has no incidents");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        assertProblem(a.get("/api/ai/incidents/similar?k=3"), 400, "q");
        assertProblem(a.get("/api/ai/incidents/similar?q=%20%20"), 400, "q");
        assertProblem(a.get("/api/ai/incidents/similar?q=hot&k=0"), 400, "k");
        assertProblem(a.get("/api/ai/incidents/similar?q=hot&k=51"), 400, "k");
        assertProblem(a.get("/api/ai/incidents/similar?q=hot&k=abc"), 400, "k");
        assertProblem(a.get("/api/ai/incidents/similar?q=hot&site=x"), 400, "site");
        assertProblem(a.get("/api/ai/incidents/similar?q=hot&category=DROP%20TABLE"), 400, "category");
        assertProblem(a.get("/api/ai/incidents/similar?q=" + "a".repeat(2001)), 400, "q");
        assertProblem(a.get("/api/incidents?limit=0"), 400, "limit");
        assertProblem(a.get("/api/incidents/abc"), 400, "id");
        assertProblem(a.get("/api/incidents/999999"), 404, null);
        assertProblem(a.get("/api/incidents/999999/similar"), 404, null);
        assertProblem(a.get("/api/incidents/" + fanIncident.id() + "/similar?scope=future"), 400, "scope");
        String path = "/api/incidents/" + fanIncident.id() + "/resolution";
        assertProblem(a.put(path, "{}"), 400, "resolution");
        assertProblem(a.put(path, "{\"resolution\": \"  \"}"), 400, "resolution");
        assertProblem(a.put(path, "{\"resolution\": 42}"), 400, "resolution");
        assertProblem(a.put(path, "{\"resolution\": \"" + "x".repeat(2001) + "\"}"), 422, "resolution");
        assertProblem(a.put(path, "{not json"), 400, null);
        assertProblem(a.put("/api/incidents/999999/resolution", "{\"resolution\": \"fixed\"}"), 404, null);
    }

    private static void assertProblem(TestAppliance.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        JsonObject p = r.json();
        assertEquals(status, p.getInt("status"));
        if (field != null) {
            assertEquals(field, p.getString("field"), r.body());
        }
    }
}
