package io.homepot.appliance.ai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.schedule.ScheduleConfig;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Sql;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ollama absent (a closed port): every report type in every mode, for a device and for the site, is generated
 * over HTTP with the seed's structure, narrated deterministically (flagged degraded), stored in {@code ai_reports},
 * and retrievable by id and in the filtered list. Numbers match the store; bad input is problem+json naming the field.
 */
class ReportDegradedTest {
    @TempDir
    static Path dir;
    static ReportFixture t;
    static final List<Long> deviceMs = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> siteMs = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        ReportConfig cfg = ReportConfig.defaults().withSchedule(ScheduleConfig.disabled()).withIncidents(true, Duration.ofMinutes(30));
        t = new ReportFixture(dir, ReportFixture.closedPort(), Clock.systemUTC(), cfg, AiConfig.defaults());
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            print("device", deviceMs);
            print("site (43 devices)", siteMs);
            t.close();
        }
    }

    private static void print(String what, List<Long> times) {
        List<Long> ms = new ArrayList<>(times);
        Collections.sort(ms);
        if (!ms.isEmpty()) {
            System.out.printf("REPORT generation (degraded, server-side, %s) over %d reports: median %d ms, p95 %d ms, max %d ms%n",
                    what, ms.size(), ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.getLast());
        }
    }

    static Stream<Arguments> typesAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (ReportType type : ReportType.values()) {
            for (AnalysisMode mode : AnalysisMode.values()) {
                out.add(Arguments.of(type, mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndModes")
    void deviceAndSiteReportsAreGeneratedStoredAndRetrievable(ReportType type, AnalysisMode mode) throws Exception {
        Device hvac = t.device("HVAC-04");
        ReportFixture.Res dev;
        if (type == ReportType.CUSTOM) {
            Instant to = Instant.now().minus(Duration.ofHours(1));
            dev = t.get("/api/ai/report/" + hvac.id() + "?report_type=custom&mode=" + mode.id() + "&from="
                    + to.minus(Duration.ofHours(30)) + "&to=" + to);
        } else {
            dev = t.get("/api/ai/report/" + hvac.id() + "?report_type=" + type.id() + "&mode=" + mode.id());
        }
        assertEquals(200, dev.status(), dev.body());
        JsonObject d = dev.json();
        assertSeedShape(d, type, mode);
        assertEquals(hvac.id(), d.getJsonNumber("device_id").longValue());
        assertEquals(t.siteId, d.getJsonNumber("site_id").longValue());
        assertTrue(d.getJsonObject("content").getString("title").contains("HVAC-04"), d.toString());
        assertStoredAndListed(d, "device=" + hvac.id());

        String body = type == ReportType.CUSTOM
                ? "{\"site_id\": " + t.siteId + ", \"report_type\": \"custom\", \"period\": \"36h\", \"mode\": \"" + mode.id() + "\"}"
                : "{\"site_id\": " + t.siteId + ", \"report_type\": \"" + type.id() + "\", \"mode\": \"" + mode.id() + "\"}";
        ReportFixture.Res site = t.post("/api/ai/reports", body);
        assertEquals(201, site.status(), site.body());
        JsonObject s = site.json();
        assertSeedShape(s, type, mode);
        assertTrue(s.isNull("device_id"));
        assertEquals(t.siteId, s.getJsonNumber("site_id").longValue());
        assertEquals("/api/ai/reports/" + s.getJsonNumber("report_id").longValue(), site.raw().headers().firstValue("Location").orElse(""));
        JsonObject km = s.getJsonObject("content").getJsonObject("key_metrics");
        assertEquals(t.app.stores().devices().list(new io.homepot.appliance.store.DeviceQuery(t.siteId, null, null, null, 1000, 0))
                .items().size(), km.getInt("total_devices"));
        assertTrue(s.getJsonObject("content").getString("title").contains("Building A"));
        assertStoredAndListed(s, "site=" + t.siteId + "&scope=site");
    }

    private static void assertSeedShape(JsonObject r, ReportType type, AnalysisMode mode) {
        for (String f : List.of("report_id", "device_id", "report_type", "mode", "content", "generated_at")) {
            assertTrue(r.containsKey(f), "missing " + f + " in " + r);
        }
        assertEquals(type.id(), r.getString("report_type"));
        assertEquals(mode.id(), r.getString("mode"));
        JsonObject c = r.getJsonObject("content");
        for (String f : List.of("title", "summary", "key_metrics", "incidents", "recommendations", "cost_impact")) {
            assertTrue(c.containsKey(f), "missing content." + f + " in " + c);
        }
        assertEquals("not configured", c.getString("cost_impact"));
        assertFalse(c.getJsonArray("recommendations").isEmpty());
        JsonObject km = c.getJsonObject("key_metrics");
        assertTrue(km.getString("uptime").endsWith("%"), km.toString());
        assertTrue(km.containsKey("events_logged") && km.containsKey("anomalies"), km.toString());
        JsonObject llm = r.getJsonObject("llm");
        assertTrue(llm.getBoolean("degraded"), llm.toString());
        assertEquals("deterministic", r.getString("model_used"));
        String summary = c.getString("summary");
        String expectedStart = switch (mode) {
            case MAINTENANCE -> "Summary: ";
            case PREDICTIVE -> "Outlook: ";
            case EXECUTIVE -> "Headline: ";
        };
        assertTrue(summary.startsWith(expectedStart), summary);
        for (JsonValue v : c.getJsonArray("incidents")) {
            JsonObject i = v.asJsonObject();
            for (String f : List.of("timestamp", "description", "resolution", "impact")) {
                assertTrue(i.containsKey(f), "incident." + f + " in " + i);
            }
        }
        (r.isNull("device_id") ? siteMs : deviceMs).add(c.getJsonNumber("generation_ms").longValue());
    }

    private static void assertStoredAndListed(JsonObject r, String filter) throws Exception {
        long id = r.getJsonNumber("report_id").longValue();
        ReportFixture.Res one = t.get("/api/ai/reports/" + id);
        assertEquals(200, one.status(), one.body());
        JsonObject o = one.json();
        assertEquals(r.getJsonObject("content"), o.getJsonObject("content"));
        assertEquals(r.getString("report_type"), o.getString("report_type"));
        assertEquals(r.getString("mode"), o.getString("mode"));
        assertEquals(r.getString("generated_at"), o.getString("generated_at"));
        ReportFixture.Res list = t.get("/api/ai/reports?" + filter + "&type=" + r.getString("report_type") + "&limit=500");
        assertEquals(200, list.status(), list.body());
        JsonObject item = list.json().getJsonArray("reports").stream().map(JsonValue::asJsonObject)
                .filter(x -> x.getJsonNumber("report_id").longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("report " + id + " not listed: " + list.body()));
        assertEquals(r.getJsonObject("content").getString("title"), item.getString("title"));
        assertEquals(r.getString("mode"), item.getString("mode"));
        assertTrue(list.json().getJsonArray("reports").stream().allMatch(x -> x.asJsonObject().getString("report_type")
                .equals(r.getString("report_type"))));
    }

    @Test
    void keyMetricsAreTheStoredNumbers() throws Exception {
        Device d = t.device("TH Sensor - Server Room");
        JsonObject r = t.get("/api/ai/report/" + d.id() + "?period=48h").json();
        JsonObject c = r.getJsonObject("content");
        Instant from = Instant.parse(c.getJsonObject("period").getString("from"));
        Instant to = Instant.parse(c.getJsonObject("period").getString("to"));
        long anomalies = t.app.db().read(x -> Sql.count(x, "SELECT COUNT(*) FROM ai_anomaly_logs WHERE device_id = ? AND created_at >= ? "
                + "AND created_at < ?", d.id(), from, to));
        long events = t.app.db().read(x -> Sql.count(x, "SELECT COUNT(*) FROM device_events WHERE device_id = ? AND ts >= ? AND ts < ?",
                d.id(), from, to));
        JsonObject km = c.getJsonObject("key_metrics");
        assertEquals(anomalies, km.getJsonNumber("anomalies").longValue(), km.toString());
        assertEquals(events, km.getJsonNumber("events_logged").longValue());
        assertTrue(anomalies > 0, "the demo's server-room spike is scored in the last 48 h");
        assertFalse(c.getJsonArray("incidents").isEmpty());
        assertTrue(km.containsKey("avg_temperature"), km.toString());
        assertTrue(c.getString("headline").contains(km.getString("uptime")), c.getString("headline"));
    }

    @Test
    void costImpactUsesConfiguredUnitCosts() throws Exception {
        ReportConfig cfg = ReportConfig.defaults().withSchedule(ScheduleConfig.disabled());
        var costs = AiConfig.defaults().withCosts(40.0, 150.0, "$");
        var ctx = io.homepot.appliance.ai.AiModule.builder(t.app.stores(), t.app.meterRegistry()).config(costs).build().context();
        ReportService svc = new ReportService(ctx, cfg, t.app.meterRegistry());
        try {
            JsonObject r = svc.generate(new ReportRequest(t.siteId, null, ReportType.DAILY,
                    io.homepot.appliance.ai.facts.TimeRange.last(Duration.ofHours(24), Instant.now(), "24h"),
                    AnalysisMode.EXECUTIVE, null, ReportRequest.API, null, false));
            String cost = r.getJsonObject("content").getString("cost_impact");
            assertTrue(cost.matches("\\$[0-9.]+ downtime cost .*, \\$[0-9.]+ estimated preventive maintenance \\(\\d+ visits?\\)"), cost);
            assertEquals("disabled", r.getJsonObject("llm").getString("status"), "no LLM client: deterministic narrator");
        } finally {
            svc.close();
        }
    }

    @Test
    void criticalAnomalyTriggersAnIncidentReportOncePerCooldown() throws Exception {
        record A(long id, long device, Instant at, String metric) {
        }
        A a = t.app.db().read(c -> Sql.one(c, "SELECT id, device_id, created_at, metric FROM ai_anomaly_logs WHERE severity = 'critical' "
                + "ORDER BY created_at DESC, id DESC LIMIT 1", rs -> new A(rs.getLong(1), rs.getLong(2), Sql.instant(rs, "created_at"),
                rs.getString(4))));
        assertNotNull(a, "the demo history has a critical anomaly");
        ReportService svc = t.reports.service();
        long before = svc.stats().incidentReports();
        assertTrue(svc.onCriticalAnomaly(new ReportRequest.IncidentRef(a.id(), a.device(), a.at(), a.metric(), null, "critical", "spike")));
        assertTrue(svc.onCriticalAnomaly(new ReportRequest.IncidentRef(a.id(), a.device(), a.at(), a.metric(), null, "critical", "spike")));
        assertTrue(svc.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(before + 1, svc.stats().incidentReports(), "second one suppressed by the cooldown");
        assertTrue(svc.stats().incidentSuppressed() >= 1);
        JsonObject list = t.get("/api/ai/reports?device=" + a.device() + "&type=incident").json();
        JsonObject item = list.getJsonArray("reports").stream().map(JsonValue::asJsonObject)
                .filter(x -> "anomaly".equals(x.getString("trigger"))).findFirst().orElseThrow(() -> new AssertionError(list.toString()));
        JsonObject r = t.get("/api/ai/reports/" + item.getJsonNumber("report_id").longValue()).json();
        JsonObject first = r.getJsonObject("content").getJsonArray("incidents").getJsonObject(0);
        assertTrue(first.getBoolean("trigger"), first.toString());
        assertEquals(a.metric(), first.getString("metric"));
        assertEquals(a.at(), Instant.parse(first.getString("timestamp")));
        assertTrue(r.getJsonObject("content").getString("title").startsWith("Incident Report - "));
    }

    @Test
    void liveCriticalAnomalyFromTheScoringEngineProducesAnIncidentReport() throws Exception {
        Device lobby = t.device("Temp Sensor - Lobby");
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<io.homepot.appliance.store.Sample> hot = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hot.add(new io.homepot.appliance.store.Sample(lobby.id(), "temperature", start.plusSeconds(30L * i), i < 4 ? 21.5 : 48.0));
        }
        t.app.ingest().ingest(new io.homepot.appliance.ingest.IngestBatch(hot, List.of()));
        assertTrue(t.scoring.engine().awaitIdle(Duration.ofSeconds(60)));
        JsonObject item = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (item == null && System.nanoTime() < deadline) {
            assertTrue(t.reports.service().awaitIdle(Duration.ofSeconds(30)));
            item = t.get("/api/ai/reports?device=" + lobby.id() + "&type=incident").json().getJsonArray("reports").stream()
                    .map(JsonValue::asJsonObject).filter(x -> "anomaly".equals(x.getString("trigger"))).findFirst().orElse(null);
            if (item == null) {
                Thread.sleep(200);
            }
        }
        assertNotNull(item, "no incident report for the live critical anomaly");
        JsonObject r = t.get("/api/ai/reports/" + item.getJsonNumber("report_id").longValue()).json();
        JsonObject first = r.getJsonObject("content").getJsonArray("incidents").getJsonObject(0);
        assertTrue(first.getBoolean("trigger"));
        assertEquals("temperature", first.getString("metric"));
        assertEquals("critical", first.getString("severity"));
        assertTrue(r.getJsonObject("content").getString("headline").startsWith("Critical temperature anomaly on Temp Sensor - Lobby"),
                r.getJsonObject("content").getString("headline"));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        long dev = t.device("POS-12").id();
        assertProblem(t.get("/api/ai/report/" + dev + "?report_type=monthly"), 400, "report_type");
        assertProblem(t.get("/api/ai/report/" + dev + "?period=forever"), 400, "period");
        assertProblem(t.get("/api/ai/report/" + dev + "?period=400d"), 400, "period");
        assertProblem(t.get("/api/ai/report/" + dev + "?mode=poetic"), 400, "mode");
        assertProblem(t.get("/api/ai/report/987654"), 404, "device_id");
        assertProblem(t.get("/api/ai/report/abc"), 400, "device_id");
        assertProblem(t.get("/api/ai/report/" + dev + "?report_type=custom"), 400, "period");
        assertProblem(t.get("/api/ai/report/" + dev + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), 400, "from");
        assertProblem(t.post("/api/ai/reports", "{\"report_type\": \"daily\"}"), 400, "site_id");
        assertProblem(t.post("/api/ai/reports", "{\"site_id\": " + t.siteId + ", \"device_id\": " + dev + "}"), 400, "device_id");
        assertProblem(t.post("/api/ai/reports", "{\"device_id\": 987654}"), 422, "device_id");
        assertProblem(t.post("/api/ai/reports", "{\"site_id\": 987654}"), 422, "site_id");
        assertProblem(t.post("/api/ai/reports", "{\"device_id\": " + dev + ", \"report_type\": \"yearly\"}"), 400, "report_type");
        assertProblem(t.post("/api/ai/reports", "{\"device_id\": " + dev + ", \"period\": \"7x\"}"), 400, "period");
        assertProblem(t.post("/api/ai/reports", "{\"device_id\": " + dev + ", \"from\": \"yesterday\"}"), 400, "from");
        assertProblem(t.post("/api/ai/reports", "{\"device_id\": \"seven\"}"), 400, "device_id");
        assertProblem(t.get("/api/ai/reports?type=monthly"), 400, "type");
        assertProblem(t.get("/api/ai/reports?limit=0"), 400, "limit");
        assertProblem(t.get("/api/ai/reports?scope=planet"), 400, "scope");
        assertProblem(t.get("/api/ai/reports?site=x"), 400, "site");
        ReportFixture.Res missing = t.get("/api/ai/reports/987654");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().contains("problem+json"));
    }

    private static void assertProblem(ReportFixture.Res r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().contains("application/problem+json"), r.contentType());
        assertEquals(field, r.json().getString("field"), r.body());
    }
}
