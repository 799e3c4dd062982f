package io.homepot.appliance.ai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.schedule.ScheduleConfig;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.homepot.appliance.testing.ollama.RecordedRequest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the Ollama test double answering over HTTP (through ollama4j): the report's summary is the model's
 * text, the model and timing are real, the fact sheet sent holds the device's computed numbers, and the key
 * metrics are still the appliance's (not the model's). The stored report is the same document.
 */
class ReportWithOllamaDoubleTest {

    @Test
    void modelNarratesTheComputedFacts(@TempDir Path dir) throws Exception {
        try (OllamaDouble ollama = OllamaDouble.start()) {
            String text = "HVAC-04 needs attention: its fan is slowing down. Schedule a filter check this week.";
            ollama.reply(text);
            ReportConfig cfg = ReportConfig.defaults().withSchedule(ScheduleConfig.disabled()).withIncidents(false, Duration.ZERO);
            try (ReportFixture t = new ReportFixture(dir, ollama.baseUrl(), Clock.systemUTC(), cfg, AiConfig.defaults())) {
                Device hvac = t.device("HVAC-04");
                ReportFixture.Res r = t.get("/api/ai/report/" + hvac.id() + "?report_type=weekly&mode=executive");
                assertEquals(200, r.status(), r.body());
                JsonObject o = r.json();
                JsonObject llm = o.getJsonObject("llm");
                assertFalse(llm.getBoolean("degraded"), llm.toString());
                assertEquals("ok", llm.getString("status"));
                assertEquals(text, o.getJsonObject("content").getString("summary"));
                assertFalse(o.getString("model_used").isBlank());
                assertTrue(o.getString("model_used").contains(":"), o.getString("model_used"));
                assertEquals(AnalysisMode.EXECUTIVE.id(), o.getString("mode"));
                assertEquals("weekly", o.getString("report_type"));

                RecordedRequest sent = ollama.lastGeneration().orElseThrow();
                assertEquals(AnalysisMode.EXECUTIVE.systemPrompt(), sent.systemText());
                String user = sent.userText();
                assertTrue(user.contains("\"name\":\"HVAC-04\""), user);
                assertTrue(user.contains("Write the report for the period"), user);
                JsonObject km = o.getJsonObject("content").getJsonObject("key_metrics");
                double score = km.getJsonNumber("health_score").doubleValue();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"HVAC-04\"[^\n]*\"health_score\":([0-9.]+)")
                        .matcher(user);
                assertTrue(m.find(), user);
                assertEquals(score, Double.parseDouble(m.group(1)), 1e-9, "the computed health score is in the fact sheet");

                JsonObject stored = t.get("/api/ai/reports/" + o.getJsonNumber("report_id").longValue()).json();
                assertEquals(o.getJsonObject("content"), stored.getJsonObject("content"));
                assertEquals(o.getString("model_used"), stored.getString("model_used"));
            }
        }
    }
}
