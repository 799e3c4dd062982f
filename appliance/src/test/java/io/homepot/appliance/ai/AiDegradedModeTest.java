package io.homepot.appliance.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.ai.narrate.DeterministicNarrator;
import io.homepot.appliance.ai.narrate.NarrationTask;
import io.homepot.appliance.ai.narrate.Verification;
import io.homepot.appliance.llm.LlmConfig;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Ollama (a closed port): every AI endpoint answers 200 with the seed's fields from computed facts,
 * flagged degraded, within 2 s, and picks the right demo devices for the demo questions.
 */
class AiDegradedModeTest {
    @TempDir
    static Path dir;
    static AiTestAppliance t;

    @BeforeAll
    static void start() throws Exception {
        t = new AiTestAppliance(dir, AiTestAppliance.closedPort(),
                LlmConfig.builder().retryBackoff(Duration.ofMillis(20)), AiConfig.defaults());
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static void assertDegraded(JsonObject o, AiTestAppliance.Res r) {
        System.out.println("SAMPLE " + r.elapsedMs() + " ms\n" + (o.containsKey("answer") ? o.getString("answer")
                : o.containsKey("summary") ? o.getString("summary") : o.getJsonObject("analysis").getString("summary")) + "\n");
        JsonObject llm = o.getJsonObject("llm");
        assertTrue(llm.getBoolean("degraded"), o.toString());
        assertTrue(List.of("unavailable", "timeout", "error").contains(llm.getString("status")), llm.toString());
        assertTrue(r.elapsedMs() < 2000, "took " + r.elapsedMs() + " ms");
    }

    @Test
    void whichSensorsRanHotThisWeekPicksTheServerRoomSensor() throws Exception {
        AiTestAppliance.Res r = t.ask("Which sensors in Building A ran hot this week?");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertDegraded(o, r);
        List<String> names = AiTestAppliance.names(o);
        assertEquals("TH Sensor - Server Room", names.getFirst(), o.toString());
        assertTrue(names.stream().allMatch(n -> n.contains("Sensor")), names.toString());
        for (String f : List.of("answer", "relevant_devices", "mode", "response_time_ms", "model_used")) {
            assertTrue(o.containsKey(f), "missing " + f);
        }
        assertEquals("maintenance", o.getString("mode"));
        assertEquals("deterministic", o.getString("model_used"));
        String answer = o.getString("answer");
        assertTrue(answer.startsWith("Summary: "), answer);
        assertTrue(answer.contains("TH Sensor - Server Room"), answer);
        assertEquals("this week", o.getJsonObject("understood").getJsonObject("period").getString("label"));
        JsonObject rd = o.getJsonArray("relevant_devices").getJsonObject(0);
        assertTrue(rd.containsKey("id") && rd.containsKey("status"));
    }

    @Test
    void whatIsWrongWithPos12PicksPos12() throws Exception {
        for (String q : List.of("What is wrong with POS-12?", "what's wrong with pos 12", "status of pos12")) {
            AiTestAppliance.Res r = t.ask(q);
            assertEquals(200, r.status(), r.body());
            assertDegraded(r.json(), r);
            assertEquals(List.of("POS-12"), AiTestAppliance.names(r.json()), q + " -> " + r.body());
            assertTrue(r.json().getString("answer").contains("POS-12"));
            JsonObject v = r.json().getJsonObject("verification");
            assertEquals("deterministic", v.getString("method"), v.toString());
            assertTrue(v.getJsonArray("devices_mentioned").toString().contains("POS-12"), v.toString());
        }
    }

    /**
     * The appliance's own narrative is not re-checked per request ({@code verification.method = deterministic}), so
     * its grounding is proved here: for every demo device, mode and kind, and for the site as a whole, every device
     * it names exists and every number it writes is in the uncapped facts (the lead is left empty, so the body's
     * numbers must come from the facts themselves).
     */
    @Test
    void deterministicNarrativesAreGroundedForEveryDemoDeviceModeAndKind() {
        AiContext ctx = t.ai.context();
        DeterministicNarrator det = new DeterministicNarrator(ctx.config());
        Site site = ctx.stores().sites().get(t.siteId).orElseThrow();
        List<Device> devices = ctx.facts().siteDevices(t.siteId);
        List<String> failures = new ArrayList<>();
        int numbers = 0;
        int texts = 0;
        java.time.Instant now = ctx.facts().now();
        for (TimeRange range : List.of(TimeRange.last(Duration.ofHours(24), now, "24h"),
                TimeRange.last(Duration.ofDays(7), now, "7d"))) {
            List<List<Device>> scopes = new ArrayList<>();
            devices.forEach(d -> scopes.add(List.of(d)));
            scopes.add(devices);
            for (List<Device> scope : scopes) {
                Facts f = ctx.facts().build(new FactSheetBuilder.Scope(site, scope, range, true, 24, null, 3));
                List<String> recs = ctx.recommender().recommend(f.devices(), f.incidents(), 5);
                List<NarrationTask.Kind> kinds = scope.size() == 1
                        ? List.of(NarrationTask.Kind.ANALYZE, NarrationTask.Kind.PREDICT, NarrationTask.Kind.REPORT)
                        : List.of(NarrationTask.Kind.QUERY, NarrationTask.Kind.INSIGHTS, NarrationTask.Kind.REPORT);
                for (NarrationTask.Kind kind : kinds) {
                    for (AnalysisMode mode : AnalysisMode.values()) {
                        NarrationTask task = new NarrationTask(kind, mode, f, f.devices(), "", recs,
                                kind == NarrationTask.Kind.QUERY ? "How is the site doing?" : null, null);
                        String text = det.write(task);
                        Verification v = det.check(task, text);
                        numbers += v.numbersChecked();
                        texts++;
                        if (!v.grounded()) {
                            failures.add(kind + "/" + mode.id() + "/" + range.label() + "/"
                                    + (scope.size() == 1 ? scope.getFirst().name() : "site") + ": " + v + "\n" + text);
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + texts + " narratives not grounded:\n"
                + String.join("\n\n", failures.subList(0, Math.min(3, failures.size()))));
        assertTrue(numbers > 5 * texts, "the narratives must carry numbers to check: " + numbers + " in " + texts);
    }

    @Test
    void serverRoomSensorByDescription() throws Exception {
        AiTestAppliance.Res r = t.ask("How is the server room sensor doing?");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("TH Sensor - Server Room"), AiTestAppliance.names(r.json()), r.body());
    }

    @Test
    void anythingLikelyToFailTomorrowPicksTheDegradingFan() throws Exception {
        AiTestAppliance.Res r = t.ask("Is anything likely to fail tomorrow?");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertDegraded(o, r);
        assertTrue(o.getJsonObject("understood").getBoolean("forecast"));
        List<String> names = AiTestAppliance.names(o);
        assertTrue(names.contains("HVAC-04"), names + " / " + o.getString("answer"));
        assertFalse(names.contains(AiTestAppliance.INJECTION_NAME));
    }

    @Test
    void analyzePredictInsightsStatusAnswerWithSeedFields() throws Exception {
        long hvac = t.device("HVAC-04").id();
        AiTestAppliance.Res a = t.get("/api/ai/analyze/" + hvac + "?period=24h");
        assertEquals(200, a.status(), a.body());
        assertDegraded(a.json(), a);
        JsonObject analysis = a.json().getJsonObject("analysis");
        for (String f : List.of("summary", "health_score", "status", "anomalies_detected", "similar_past_incidents",
                "recommendations")) {
            assertTrue(analysis.containsKey(f), "analysis." + f);
        }
        for (String f : List.of("device_id", "device_name", "metrics", "period", "generated_at")) {
            assertTrue(a.json().containsKey(f), f);
        }
        assertEquals("HVAC-04", a.json().getString("device_name"));
        assertTrue(a.json().getJsonObject("metrics").containsKey("avg_fan_rpm"), a.body());
        assertTrue(a.json().getJsonObject("metrics").containsKey("uptime_percentage"));

        AiTestAppliance.Res p = t.get("/api/ai/predict/" + hvac);
        assertEquals(200, p.status(), p.body());
        assertDegraded(p.json(), p);
        for (String f : List.of("device_id", "predictions", "risk_score", "forecast_period", "generated_at")) {
            assertTrue(p.json().containsKey(f), f);
        }
        JsonObject first = p.json().getJsonArray("predictions").getJsonObject(0);
        for (String f : List.of("prediction", "confidence", "reasoning", "recommended_action", "severity")) {
            assertTrue(first.containsKey(f), "predictions[0]." + f);
        }
        assertEquals("fan_rpm", first.getString("metric"), p.body());

        AiTestAppliance.Res i = t.get("/api/ai/insights/" + t.siteId);
        assertEquals(200, i.status(), i.body());
        assertDegraded(i.json(), i);
        JsonObject ins = i.json().getJsonObject("insights");
        for (String f : List.of("overall_health", "health_score", "total_devices", "devices_healthy", "devices_warning",
                "devices_critical", "key_findings", "predicted_issues", "recommendations", "cost_analysis")) {
            assertTrue(ins.containsKey(f), "insights." + f);
        }
        assertEquals(43, ins.getInt("total_devices"));
        assertFalse(ins.getJsonObject("cost_analysis").getBoolean("configured"));
        assertEquals("Building A", i.json().getString("site_name"));

        AiTestAppliance.Res s = t.get("/api/ai/status");
        assertEquals(200, s.status(), s.body());
        assertEquals("unavailable", s.json().getString("ollama_status"));
        assertNotNull(s.json().getString("ollama_url"));
        assertTrue(s.json().containsKey("available_models"));
        assertTrue(s.json().containsKey("memory_usage"));
        assertTrue(s.json().containsKey("database"), "foundation fields kept");
    }

    @Test
    void unknownDeviceAndBadInputAreProblems() throws Exception {
        AiTestAppliance.Res r = t.get("/api/ai/analyze/999999");
        assertEquals(404, r.status());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertEquals(400, t.get("/api/ai/analyze/" + t.device("POS-12").id() + "?period=forever").status());
        assertEquals(400, t.post("/api/ai/query", "{\"question\": \"hi\", \"mode\": \"poetic\"}").status());
        assertEquals(400, t.post("/api/ai/query", "{}").status());
    }

    @Test
    void modePreferenceRoundTripAndOverride() throws Exception {
        assertEquals("maintenance", t.get("/api/ai/mode", "alice").json().getString("mode"));
        AiTestAppliance.Res put = t.put("/api/ai/mode", "{\"mode\": \"predictive\"}", "alice");
        assertEquals(200, put.status(), put.body());
        assertEquals("predictive", t.get("/api/ai/mode", "alice").json().getString("mode"));
        assertEquals("maintenance", t.get("/api/ai/mode", "bob").json().getString("mode"));
        AiTestAppliance.Res q = t.post("/api/ai/query", "{\"question\": \"what is wrong with POS-12?\"}", "alice");
        assertEquals("predictive", q.json().getString("mode"));
        assertTrue(q.json().getString("answer").startsWith("Outlook: "), q.json().getString("answer"));
        AiTestAppliance.Res e = t.post("/api/ai/query", "{\"question\": \"what is wrong with POS-12?\", \"mode\": \"executive\"}",
                "alice");
        assertEquals("executive", e.json().getString("mode"));
        assertTrue(e.json().getString("answer").startsWith("Headline: "), e.json().getString("answer"));
        assertEquals(400, t.put("/api/ai/mode", "{\"mode\": \"chatty\"}", "alice").status());
    }

    @Test
    void insightActionsAreRecordedAndCounted() throws Exception {
        JsonObject ins = t.get("/api/ai/insights/" + t.siteId).json().getJsonObject("insights");
        JsonObject rec = ins.getJsonArray("recommendations").getJsonObject(0);
        long id = rec.getJsonNumber("id").longValue();
        assertEquals(0, rec.getJsonObject("actions").getInt("taken"));
        AiTestAppliance.Res a = t.post("/api/ai/insights/" + id + "/actions",
                "{\"taken\": true, \"effective\": true, \"note\": \"fan cleaned\"}", "carol");
        assertEquals(201, a.status(), a.body());
        assertEquals(id, a.json().getJsonNumber("insight_id").longValue());
        assertEquals("carol", a.json().getString("user"));
        t.post("/api/ai/insights/" + id + "/actions", "{\"taken\": false}", "carol");
        JsonObject again = t.get("/api/ai/insights/" + t.siteId).json().getJsonObject("insights");
        JsonObject same = again.getJsonArray("recommendations").stream().map(v -> v.asJsonObject())
                .filter(o -> o.getJsonNumber("id").longValue() == id).findFirst().orElseThrow();
        assertEquals(rec.getString("text"), same.getString("text"), "stable id for the same recommendation");
        assertEquals(2, same.getJsonObject("actions").getInt("recorded"));
        assertEquals(1, same.getJsonObject("actions").getInt("taken"));
        assertEquals(1, same.getJsonObject("actions").getInt("effective"));
        assertTrue(again.getJsonObject("actions").getInt("taken") >= 1);
        assertEquals(404, t.post("/api/ai/insights/987654/actions", "{\"taken\": true}").status());
        assertEquals(400, t.post("/api/ai/insights/" + id + "/actions", "{\"effective\": true}").status());
    }
}
