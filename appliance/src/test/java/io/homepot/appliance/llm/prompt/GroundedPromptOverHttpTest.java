package io.homepot.appliance.llm.prompt;

import io.homepot.appliance.llm.LlmConfig;
import io.homepot.appliance.llm.LlmResult;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.homepot.appliance.testing.ollama.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompt building + LlmService + ollama4j + the double: what actually goes over the wire. */
class GroundedPromptOverHttpTest {

    @Test
    void factsWithHealthScoreAndQuotedInjectionReachOllamaByteStable() throws Exception {
        try (OllamaDouble ollama = OllamaDouble.start();
             LlmService service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).build(),
                     new SimpleMeterRegistry())) {
            // the model "invents" POS-13 and a number; the verifier must catch both
            ollama.replyWith(r -> "POS-12 is at 0.42; POS-13 is at 0.99.");
            PromptBuilder builder = new PromptBuilder();
            Prompt prompt = builder.build(AnalysisMode.MAINTENANCE, Facts.standard(), "What is wrong with POS-12?");

            LlmResult r1 = service.generate(prompt.toRequest());
            LlmResult r2 = service.generate(builder.build(AnalysisMode.MAINTENANCE, Facts.standard(),
                    "What is wrong with POS-12?").toRequest());

            assertEquals(LlmResult.Status.OK, r1.status(), r1.errorDetail());
            List<RecordedRequest> sent = ollama.requests("/api/chat");
            assertEquals(2, sent.size());
            RecordedRequest first = sent.get(0);
            String user = first.userText();
            assertTrue(user.contains("\"id\":\"pos-12\",\"name\":\"POS-12\""), user);
            assertTrue(user.contains("\"health_score\":0.42"), "computed health score sent: " + user);
            assertTrue(user.contains("\"name\":\"" + Facts.INJECTION + "\""), "injection passed as quoted data");
            assertEquals(AnalysisMode.MAINTENANCE.systemPrompt(), first.systemText());
            JsonArray messages = first.json().getJsonArray("messages");
            assertEquals("system", messages.getJsonObject(0).getString("role"));
            assertEquals("user", messages.getJsonObject(1).getString("role"));
            // byte-stable messages for identical facts -> Ollama can reuse its prompt cache
            assertEquals(first.json().getJsonArray("messages"), sent.get(1).json().getJsonArray("messages"));

            AnswerVerification v = new AnswerVerifier().verify(r1.text(), Facts.standard(), "What is wrong with POS-12?");
            assertEquals(List.of("POS-13"), v.unknownDevices());
            assertEquals(List.of("0.99"), v.unverifiedNumbers());
            assertFalse(v.grounded());
            assertTrue(prompt.estimatedTokens() < 1200, "prompt tokens ~" + prompt.estimatedTokens());
        }
    }
}
