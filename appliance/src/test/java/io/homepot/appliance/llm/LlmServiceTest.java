package io.homepot.appliance.llm;

import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.homepot.appliance.testing.ollama.OllamaFault;
import io.homepot.appliance.testing.ollama.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LlmService through ollama4j over real HTTP to the Ollama double. */
class LlmServiceTest {

    private OllamaDouble ollama;
    private SimpleMeterRegistry registry;
    private LlmService service;

    @BeforeEach
    void setUp() throws Exception {
        ollama = OllamaDouble.start();
        registry = new SimpleMeterRegistry();
        service = new LlmService(config().build(), registry);
    }

    @AfterEach
    void tearDown() {
        service.close();
        ollama.close();
    }

    private LlmConfig.Builder config() {
        return LlmConfig.builder().url(ollama.baseUrl()).timeout(Duration.ofSeconds(5))
                .retryBackoff(Duration.ofMillis(20));
    }

    @Test
    void answerComesBackWithModelAndRealResponseTime() throws Exception {
        ollama.reply("POS-12 shows a health score of 0.42.").latency(Duration.ofMillis(150));

        LlmResult r = service.generate(LlmRequest.of("system text", "question text"));

        assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        assertEquals("POS-12 shows a health score of 0.42.", r.text());
        assertEquals("llama3.2:3b", r.modelUsed());
        assertTrue(r.responseTimeMs() >= 150 && r.responseTimeMs() < 3000, "response time " + r.responseTimeMs());
        assertTrue(r.evalCount() > 0 && r.promptEvalCount() > 0);
        assertEquals(1, r.attempts());
        assertNull(r.errorDetail());
        assertEquals(1, registry.get(LlmMetrics.REQUESTS).tag("status", "ok").tag("model", "llama3.2:3b").timer().count());

        RecordedRequest sent = ollama.lastGeneration().orElseThrow();
        JsonObject body = sent.json();
        assertEquals("/api/chat", sent.path());
        assertEquals("llama3.2:3b", body.getString("model"));
        assertEquals("10m", body.getString("keep_alive"));
        assertEquals("system text", sent.systemText());
        assertEquals("question text", sent.userText());
        // ollama4j 1.1.0 always streams /api/chat (chat() wraps a stream observer); the service reassembles
        assertTrue(body.getBoolean("stream"));
    }

    @Test
    void perRequestModelOverrideAndAliases() throws Exception {
        assertEquals("mistral:7b", service.generate(LlmRequest.of("", "q").withModel("accurate")).modelUsed());
        assertEquals("mistral:7b", ollama.lastGeneration().orElseThrow().model());
        assertEquals("phi3.5:3.8b", service.generate(LlmRequest.of("", "q").withModel("phi3.5:3.8b")).modelUsed());
        assertEquals("phi3.5:3.8b", ollama.lastGeneration().orElseThrow().model());
    }

    @Test
    void jsonFormatIsSentAndHonoured() throws Exception {
        ollama.reply("not json at all");
        LlmResult r = service.generate(LlmRequest.of("", "answer in JSON").withJsonFormat(true));
        assertEquals(LlmResult.Status.OK, r.status());
        assertEquals("{\"answer\":\"not json at all\"}", r.text());
        assertEquals("json", ollama.lastGeneration().orElseThrow().json().getString("format"));
    }

    @Test
    void streamingDeliversTokensInOrder() throws Exception {
        ollama.reply("Check the cooling fan of HVAC-2 today.").tokenDelay(Duration.ofMillis(5));
        List<String> tokens = new CopyOnWriteArrayList<>();

        LlmResult r = service.generateStreaming(LlmRequest.of("", "q"), tokens::add);

        assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        assertEquals(List.of("Check", " the", " cooling", " fan", " of", " HVAC-2", " today."), tokens);
        assertEquals("Check the cooling fan of HVAC-2 today.", r.text());
        assertTrue(ollama.lastGeneration().orElseThrow().json().getBoolean("stream"));
    }

    @Test
    void unknownModelIsNotFoundWithoutRetry() throws Exception {
        LlmResult r = service.generate(LlmRequest.of("", "q").withModel("gemma:2b"));

        assertEquals(LlmResult.Status.NOT_FOUND, r.status());
        assertEquals(1, r.attempts());
        assertTrue(r.errorDetail().contains("gemma:2b"), r.errorDetail());
        assertEquals(1, ollama.requests("/api/chat").size());
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        ollama.failNext(OllamaFault.HTTP_500, OllamaFault.HTTP_503).reply("recovered");

        LlmResult r = service.generate(LlmRequest.of("", "q"));

        assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        assertEquals("recovered", r.text());
        assertEquals(3, r.attempts());
        assertEquals(3, ollama.requests("/api/chat").size());
        assertEquals(2.0, registry.get(LlmMetrics.RETRIES).counter().count());
    }

    @Test
    void streaming503ThenSuccessIsRetried() throws Exception {
        ollama.failNext(OllamaFault.HTTP_503).reply("ok now");
        List<String> tokens = new CopyOnWriteArrayList<>();
        LlmResult r = service.generateStreaming(LlmRequest.of("", "q"), tokens::add);
        assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        assertEquals(List.of("ok", " now"), tokens);
        assertEquals(2, r.attempts());
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxRetries() throws Exception {
        ollama.failAlways(OllamaFault.HTTP_500);
        LlmResult r = service.generate(LlmRequest.of("", "q"));
        assertEquals(LlmResult.Status.ERROR, r.status());
        assertEquals(4, r.attempts());
        assertTrue(r.errorDetail().contains("llama runner process has terminated"), r.errorDetail());
    }

    @Test
    void hangBeforeHeadersTimesOutWithinTimeoutPlusMargin() throws Exception {
        ollama.failAlways(OllamaFault.HANG);
        long t0 = System.nanoTime();
        LlmResult r = service.generate(LlmRequest.of("", "q").withTimeout(Duration.ofMillis(400)));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(LlmResult.Status.TIMEOUT, r.status(), r.errorDetail());
        assertTrue(ms >= 400 && ms < 1400, "took " + ms + " ms");
        assertEquals(1, r.attempts());
    }

    @Test
    void stallMidStreamTimesOut() throws Exception {
        ollama.failAlways(OllamaFault.STALL_MID_STREAM);
        List<String> tokens = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        LlmResult r = service.generateStreaming(LlmRequest.of("", "q").withTimeout(Duration.ofMillis(400)),
                tokens::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(LlmResult.Status.TIMEOUT, r.status());
        assertEquals(List.of("The"), tokens);
        assertTrue(ms < 1400, "took " + ms + " ms");
    }

    @Test
    void malformedJsonIsMalformed() throws Exception {
        ollama.failNext(OllamaFault.MALFORMED_JSON);
        LlmResult r = service.generate(LlmRequest.of("", "q"));
        assertEquals(LlmResult.Status.MALFORMED, r.status(), r.errorDetail());
        assertEquals(1, r.attempts());
    }

    @Test
    void truncatedStreamIsMalformed() throws Exception {
        ollama.failNext(OllamaFault.TRUNCATED_STREAM);
        LlmResult r = service.generateStreaming(LlmRequest.of("", "q"), t -> { });
        assertEquals(LlmResult.Status.MALFORMED, r.status(), r.errorDetail());
        assertTrue(r.errorDetail().contains("truncated"), r.errorDetail());
    }

    @Test
    void errorLineMidStreamIsErrorAndNotRetriedAfterTokens() throws Exception {
        ollama.failNext(OllamaFault.ERROR_MID_STREAM);
        List<String> tokens = new CopyOnWriteArrayList<>();
        LlmResult r = service.generateStreaming(LlmRequest.of("", "q"), tokens::add);
        assertEquals(LlmResult.Status.ERROR, r.status(), r.errorDetail());
        assertEquals(List.of("The", " device"), tokens);
        assertEquals(1, r.attempts());
    }

    @Test
    void closedServiceReportsErrorInsteadOfThrowing() throws Exception {
        service.close();
        LlmResult r = service.generate(LlmRequest.of("", "q"));
        assertEquals(LlmResult.Status.ERROR, r.status());
        assertEquals("LLM client is closed", r.errorDetail());
        assertFalse(service.status().reachable());
    }

    @Test
    void connectionCloseIsRetried() throws Exception {
        ollama.failNext(OllamaFault.CLOSE_CONNECTION).reply("fine");
        LlmResult r = service.generate(LlmRequest.of("", "q"));
        assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        assertEquals(2, r.attempts());
    }
}
