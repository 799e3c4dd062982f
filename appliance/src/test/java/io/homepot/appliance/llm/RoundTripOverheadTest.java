package io.homepot.appliance.llm;

import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Measures the client-side cost of one generation against an instant double (printed for the bench notes). */
class RoundTripOverheadTest {

    @Test
    void oneRoundTripToAnInstantDoubleIsCheap() throws Exception {
        try (OllamaDouble ollama = OllamaDouble.start().reply("ok");
             LlmService service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).build(),
                     new SimpleMeterRegistry())) {
            LlmRequest req = LlmRequest.of("system", "a short question");
            for (int i = 0; i < 50; i++) {
                service.generate(req); // warm-up
            }
            int n = 200;
            long[] micros = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                assertEquals(LlmResult.Status.OK, service.generate(req).status());
                micros[i] = (System.nanoTime() - t0) / 1000;
            }
            Arrays.sort(micros);
            long p50 = micros[n / 2];
            long p95 = micros[(int) (n * 0.95)];
            System.out.printf("LLM round trip to double: p50=%d us, p95=%d us, max=%d us%n", p50, p95, micros[n - 1]);
            // a sanity bound only: the 2-core build box is shared, so this is a measurement, not a gate
            assertTrue(p50 < 100_000, "p50 " + p50 + " us");
        }
    }
}
