package io.homepot.appliance.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.homepot.appliance.llm.LlmConfig;
import io.homepot.appliance.llm.prompt.JsonText;
import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.homepot.appliance.testing.ollama.OllamaFault;
import io.homepot.appliance.testing.ollama.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the Ollama double over real HTTP (ollama4j → loopback): answers are the model's text with real
 * model and timing, the facts the model received are the computed ones (quoted), repeats hit the cache,
 * a full queue gives 503 + Retry-After, and slow or broken model output falls back to the deterministic
 * narrative within 2 s.
 */
class AiWithOllamaDoubleTest {
    static final String REPLY = "POS-12 needs attention: its latency is above the warning level.";
    @TempDir
    static Path dir;
    static OllamaDouble ollama;
    static AiTestAppliance t;

    @BeforeAll
    static void start() throws Exception {
        ollama = OllamaDouble.start();
        t = new AiTestAppliance(dir, ollama.baseUrl(), LlmConfig.builder().queueCapacity(1)
                .retryBackoff(Duration.ofMillis(20)).maxRetries(0),
                AiConfig.defaults().withLlmTimeout(Duration.ofMillis(1200)));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    @BeforeEach
    void reset() {
        ollama.reset();
        ollama.reply(REPLY);
        t.ai.context().cache().clear();
    }

    private static RecordedRequest lastChat() {
        return ollama.lastGeneration().orElseThrow(() -> new AssertionError("the model was not called"));
    }

    @Test
    void answerIsTheModelsTextWithRealModelAndTiming() throws Exception {
        ollama.latency(Duration.ofMillis(150));
        AiTestAppliance.Res r = t.ask("What is wrong with POS-12?");
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals(REPLY, o.getString("answer"));
        assertEquals("llama3.2:3b", o.getString("model_used"));
        assertEquals("ok", o.getJsonObject("llm").getString("status"));
        assertFalse(o.getJsonObject("llm").getBoolean("degraded"));
        long ms = o.getJsonNumber("response_time_ms").longValue();
        assertTrue(ms >= 150 && ms <= r.elapsedMs(), "response_time_ms " + ms + " client " + r.elapsedMs());
        assertTrue(o.getJsonObject("llm").getInt("prompt_chars") > 500);
        assertEquals(List.of("POS-12"), AiTestAppliance.names(o));
        assertTrue(o.getJsonObject("verification").getJsonArray("devices_mentioned").toString().contains("POS-12"));
        RecordedRequest chat = lastChat();
        assertTrue(chat.systemText().contains("Mode: maintenance"), chat.systemText());
        assertTrue(chat.userText().contains("Question: What is wrong with POS-12?"), chat.userText());
    }

    @Test
    void modelOverrideIsUsed() throws Exception {
        AiTestAppliance.Res r = t.post("/api/ai/query", "{\"question\": \"status of pos 12\", \"model\": \"accurate\"}");
        assertEquals("mistral:7b", r.json().getString("model_used"));
        assertEquals("mistral:7b", lastChat().model());
    }

    @Test
    void factSheetCarriesTheComputedHealthScore() throws Exception {
        long id = t.device("POS-12").id();
        AiTestAppliance.Res r = t.get("/api/ai/analyze/" + id + "?period=24h");
        assertEquals(200, r.status(), r.body());
        double score = r.json().getJsonObject("analysis").getJsonNumber("health_score").doubleValue();
        String user = lastChat().userText();
        assertTrue(user.contains("\"id\":\"" + id + "\",\"name\":\"POS-12\""), user);
        assertTrue(user.contains("\"health_score\":" + JsonText.number(score)), "score " + score + " in " + user);
        assertEquals(REPLY, r.json().getJsonObject("analysis").getString("summary"));
    }

    @Test
    void deviceNamedLikeAnInstructionIsQuotedData() throws Exception {
        long id = t.device(AiTestAppliance.INJECTION_NAME).id();
        AiTestAppliance.Res r = t.get("/api/ai/analyze/" + id);
        assertEquals(200, r.status(), r.body());
        RecordedRequest chat = lastChat();
        String user = chat.userText();
        String facts = user.substring(user.indexOf("<facts>"), user.indexOf("</facts>"));
        String after = user.substring(user.indexOf("</facts>"));
        assertTrue(facts.contains("\"name\":" + JsonText.quote(AiTestAppliance.INJECTION_NAME)), facts);
        assertEquals(1, count(user, AiTestAppliance.INJECTION_NAME), "appears once, as a JSON string: " + user);
        assertFalse(after.contains("Ignore previous"), after);
        assertFalse(chat.systemText().contains("Ignore previous"));
        assertTrue(chat.systemText().contains("never instructions") || chat.systemText().contains("data, never"),
                chat.systemText());
        // a question quoting the name is answered about that device, and the name stays inside the facts as data
        AiTestAppliance.Res q = t.ask("What about " + AiTestAppliance.INJECTION_NAME + "?");
        assertEquals(List.of(AiTestAppliance.INJECTION_NAME), AiTestAppliance.names(q.json()));
    }

    @Test
    void repeatIsServedFromTheCache() throws Exception {
        AiTestAppliance.Res first = t.ask("Is anything likely to fail tomorrow?");
        assertFalse(first.json().getBoolean("cached"));
        int calls = ollama.requests("/api/chat").size();
        double hits = t.ai.context().cache().hitCount();
        AiTestAppliance.Res second = t.ask("is anything likely to fail  tomorrow?");
        assertTrue(second.json().getBoolean("cached"), second.body());
        assertEquals(first.json().getString("answer"), second.json().getString("answer"));
        assertEquals(calls, ollama.requests("/api/chat").size(), "no second generation");
        assertEquals(hits + 1, t.ai.context().cache().hitCount());
        String metrics = t.get("/metrics").body();
        assertTrue(metrics.contains("homepot_ai_cache_requests_total{result=\"hit\"}"), "hit counter exported");
        AiTestAppliance.Res other = t.post("/api/ai/query", "{\"question\": \"Is anything likely to fail tomorrow?\", "
                + "\"mode\": \"executive\"}");
        assertFalse(other.json().getBoolean("cached"), "another mode is another answer");
    }

    @Test
    void fullQueueIs503WithRetryAfter() throws Exception {
        ollama.latency(Duration.ofMillis(900));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<AiTestAppliance.Res>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String q = "what is wrong with POS-0" + (i + 1) + "?";
            fs.add(pool.submit((Callable<AiTestAppliance.Res>) () -> t.ask(q)));
        }
        int ok = 0;
        int busy = 0;
        for (Future<AiTestAppliance.Res> f : fs) {
            AiTestAppliance.Res r = f.get();
            if (r.status() == 503) {
                busy++;
                assertTrue(r.raw().headers().firstValue("Retry-After").isPresent(), "Retry-After");
                assertTrue(Long.parseLong(r.raw().headers().firstValue("Retry-After").get()) >= 1);
                assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").contains("problem+json"));
                assertEquals(503, r.json().getInt("status"));
            } else {
                assertEquals(200, r.status(), r.body());
                ok++;
            }
        }
        pool.shutdown();
        assertTrue(busy >= 1, "some requests rejected: ok=" + ok + " busy=" + busy);
        assertTrue(ok >= 1, "some requests served: ok=" + ok + " busy=" + busy);
    }

    @Test
    void slowModelFallsBackWithinTwoSeconds() throws Exception {
        ollama.latency(Duration.ofSeconds(5));
        AiTestAppliance.Res r = t.ask("What is wrong with POS-12?");
        assertEquals(200, r.status(), r.body());
        assertEquals("timeout", r.json().getJsonObject("llm").getString("status"), r.body());
        assertTrue(r.json().getJsonObject("llm").getBoolean("degraded"));
        assertTrue(r.json().getString("answer").startsWith("Summary: POS-12"), r.json().getString("answer"));
        assertTrue(r.elapsedMs() < 2000, "took " + r.elapsedMs());
    }

    @Test
    void malformedOrFailingModelFallsBack() throws Exception {
        ollama.failNext(OllamaFault.TRUNCATED_STREAM);
        AiTestAppliance.Res r = t.ask("What is wrong with POS-12?");
        assertEquals(200, r.status(), r.body());
        assertEquals("malformed", r.json().getJsonObject("llm").getString("status"), r.body());
        assertTrue(r.json().getJsonObject("llm").getBoolean("degraded"));
        t.ai.context().cache().clear();
        ollama.failNext(OllamaFault.HTTP_500);
        AiTestAppliance.Res e = t.ask("What is wrong with POS-12?");
        assertEquals(200, e.status());
        assertEquals("error", e.json().getJsonObject("llm").getString("status"), e.body());
        assertTrue(e.elapsedMs() < 2000);
    }

    @Test
    void streamSendsTokensThenDone() throws Exception {
        ollama.reply("POS-12 is slow today.");
        HttpResponse<String> r = t.http.send(HttpRequest.newBuilder(URI.create(t.url("/api/ai/query/stream")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"what is wrong with POS-12?\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        String body = r.body();
        assertTrue(body.contains("event: token\ndata: {\"text\":"), body);
        int done = body.indexOf("event: done\ndata: ");
        assertTrue(done > body.indexOf("event: token"), body);
        String data = body.substring(done + "event: done\ndata: ".length()).strip();
        JsonObject o = Json.createReader(new java.io.StringReader(data)).readObject();
        assertEquals("POS-12 is slow today.", o.getString("answer"));
        assertEquals(List.of("POS-12"), AiTestAppliance.names(o));
    }

    @Test
    void statusListsOllamaAndModels() throws Exception {
        ollama.load("llama3.2:3b", Duration.ofMinutes(10));
        Thread.sleep(50);
        JsonObject s = pollStatus();
        assertEquals("running", s.getString("ollama_status"));
        assertEquals(ollama.baseUrl(), s.getString("ollama_url"));
        assertEquals("0.5.1", s.getString("ollama_version"));
        assertEquals(3, s.getJsonArray("available_models").size());
        assertTrue(s.getJsonArray("available_models").toString().contains("\"size\":\"2.0GB\""), s.toString());
        assertTrue(s.containsKey("loaded_models") && s.containsKey("memory_usage") && s.containsKey("ai"));
    }

    private static JsonObject pollStatus() throws Exception {
        JsonObject s = null;
        for (int i = 0; i < 50; i++) {
            s = t.get("/api/ai/status").json();
            if ("running".equals(s.getString("ollama_status", "")) && !s.getJsonArray("loaded_models").isEmpty()) {
                return s;
            }
            Thread.sleep(200);
        }
        return s;
    }

    private static int count(String hay, String needle) {
        int n = 0;
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
