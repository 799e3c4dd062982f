package io.homepot.appliance.llm;

import io.github.ollama4j.OllamaAPI;
import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.homepot.appliance.testing.ollama.OllamaFault;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The double speaks Ollama's documented wire format (checked with a plain HTTP client). */
class OllamaDoubleProtocolTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private OllamaDouble ollama;

    @BeforeEach
    void start() throws Exception {
        ollama = OllamaDouble.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void generateStreamsNdjsonEndingWithDoneAndTimings() throws Exception {
        ollama.replyWith(r -> "You asked: " + r.userText());
        HttpResponse<String> resp = post("/api/generate", "{\"model\":\"llama3.2:3b\",\"prompt\":\"why?\"}");
        assertEquals(200, resp.statusCode());
        assertEquals("application/x-ndjson", resp.headers().firstValue("Content-Type").orElseThrow());
        List<JsonObject> lines = resp.body().lines().map(OllamaDoubleProtocolTest::json).toList();
        StringBuilder text = new StringBuilder();
        for (JsonObject l : lines.subList(0, lines.size() - 1)) {
            assertFalse(l.getBoolean("done"));
            assertFalse(l.containsKey("total_duration"));
            text.append(l.getString("response"));
        }
        assertEquals("You asked: why?", text.toString());
        JsonObject last = lines.get(lines.size() - 1);
        assertTrue(last.getBoolean("done"));
        assertEquals("stop", last.getString("done_reason"));
        assertEquals("", last.getString("response"));
        for (String k : List.of("total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration",
                "eval_count", "eval_duration")) {
            assertTrue(last.getJsonNumber(k).longValue() > 0, k);
        }
        assertTrue(last.containsKey("context"));
    }

    @Test
    void chatWithoutStreamingIsOneJsonObject() throws Exception {
        ollama.reply("{\"status\":\"ok\"}");
        HttpResponse<String> resp = post("/api/chat", "{\"model\":\"mistral:7b\",\"stream\":false,\"format\":\"json\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"status as JSON\"}]}");
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject o = json(resp.body());
        assertTrue(o.getBoolean("done"));
        assertEquals("{\"status\":\"ok\"}", o.getJsonObject("message").getString("content"));
        assertEquals("assistant", o.getJsonObject("message").getString("role"));
        assertEquals(1, resp.body().strip().lines().count());
    }

    @Test
    void unknownModelIs404WithOllamaErrorBody() throws Exception {
        HttpResponse<String> resp = post("/api/chat", "{\"model\":\"x\",\"messages\":[]}");
        assertEquals(404, resp.statusCode());
        assertEquals("model 'x' not found", json(resp.body()).getString("error"));
    }

    @Test
    void metadataEndpoints() throws Exception {
        assertEquals("Ollama is running", get("/").body());
        assertEquals("0.5.1", json(get("/api/version").body()).getString("version"));
        JsonObject tags = json(get("/api/tags").body());
        JsonObject first = tags.getJsonArray("models").getJsonObject(0);
        assertEquals("llama3.2:3b", first.getString("name"));
        assertEquals(2_019_393_189L, first.getJsonNumber("size").longValue());
        assertEquals("Q4_K_M", first.getJsonObject("details").getString("quantization_level"));
        assertEquals(0, json(get("/api/ps").body()).getJsonArray("models").size());

        // empty prompt loads, keep_alive 0 unloads
        assertEquals("load", json(post("/api/generate", "{\"model\":\"phi3.5:3.8b\",\"stream\":false}").body())
                .getString("done_reason"));
        JsonObject ps = json(get("/api/ps").body()).getJsonArray("models").getJsonObject(0);
        assertEquals("phi3.5:3.8b", ps.getString("name"));
        assertTrue(ps.containsKey("expires_at") && ps.containsKey("size_vram"));
        assertEquals("unload", json(post("/api/generate",
                "{\"model\":\"phi3.5:3.8b\",\"keep_alive\":0,\"stream\":false}").body()).getString("done_reason"));
        assertEquals(0, json(get("/api/ps").body()).getJsonArray("models").size());
        assertEquals(404, get("/api/nope").statusCode());
    }

    @Test
    void errorLineInTheMiddleOfAStreamKeepsStatus200() throws Exception {
        ollama.failNext(OllamaFault.ERROR_MID_STREAM);
        HttpResponse<String> resp = post("/api/chat", "{\"model\":\"llama3.2:3b\",\"messages\":[]}");
        assertEquals(200, resp.statusCode());
        List<String> lines = resp.body().lines().toList();
        assertTrue(json(lines.get(lines.size() - 1)).containsKey("error"));
    }

    @Test
    void recordsEveryRequestBody() throws Exception {
        post("/api/chat", "{\"model\":\"llama3.2:3b\",\"messages\":[{\"role\":\"user\",\"content\":\"health 0.42\"}]}");
        assertEquals("health 0.42", ollama.lastGeneration().orElseThrow().userText());
        assertEquals(1, ollama.requests("/api/chat").size());
    }

    @Test
    void serializesGenerationsPerModelLikeOllama() throws Exception {
        ollama.serializePerModel(true).latencyWith(r -> java.time.Duration.ofMillis(
                "llama3.2:3b".equals(r.model()) ? 300 : 0));
        String body = "{\"model\":\"llama3.2:3b\",\"stream\":false,\"messages\":[]}";
        long t0 = System.nanoTime();
        var a = http.sendAsync(HttpRequest.newBuilder(URI.create(ollama.baseUrl() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        var b = http.sendAsync(HttpRequest.newBuilder(URI.create(ollama.baseUrl() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        long fastStart = System.nanoTime();
        assertEquals(200, post("/api/chat", "{\"model\":\"mistral:7b\",\"stream\":false,\"messages\":[]}")
                .statusCode());
        assertTrue((System.nanoTime() - fastStart) / 1_000_000 < 250, "other model is not blocked");
        assertEquals(200, a.get().statusCode());
        assertEquals(200, b.get().statusCode());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 600, "two 300 ms generations of one model run one after the other: " + ms + " ms");
    }

    @Test
    void promptEvalCountIsCappedAtNumCtx() throws Exception {
        String big = "x".repeat(4000);
        JsonObject o = json(post("/api/chat", "{\"model\":\"llama3.2:3b\",\"stream\":false,\"options\":{\"num_ctx\":512},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}").body());
        assertEquals(512, o.getInt("prompt_eval_count"));
    }

    /** Documents why LlmService reads /api/ps itself: ollama4j 1.1.0 rejects Ollama's context_length field. */
    @Test
    void ollama4jPsFailsOnCurrentOllamaFields() {
        ollama.load("llama3.2:3b", java.time.Duration.ofMinutes(5));
        OllamaAPI api = new OllamaAPI(ollama.baseUrl());
        api.setVerbose(false);
        Exception e = assertThrows(Exception.class, api::ps);
        assertTrue(String.valueOf(e.getMessage()).contains("context_length"), e.getMessage());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ollama.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ollama.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }
}
