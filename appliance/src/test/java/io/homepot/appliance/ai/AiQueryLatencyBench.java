package io.homepot.appliance.ai;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.api.Json;
import io.homepot.appliance.llm.LlmConfig;
import io.homepot.appliance.testing.ollama.OllamaDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential latency of {@code POST /api/ai/query} over real HTTP on the demo site, without Ollama
 * (degraded) and with the Ollama double answering instantly, with the answer cache off (every request
 * does the full work) and on; plus the prompt sizes each endpoint sends. Writes
 * {@code bench/results/ai-query-latency.json}. Run with
 * {@code -Dhomepot.bench=true -Dtest=io.homepot.appliance.ai.AiQueryLatencyBench}.
 */
@EnabledIfSystemProperty(named = "homepot.bench", matches = "true")
class AiQueryLatencyBench {
    static final int REQUESTS = Integer.getInteger("homepot.bench.requests", 300);
    static final List<String> QUESTIONS = List.of("What is wrong with POS-12?", "Which sensors in Building A ran hot this week?",
            "Is anything likely to fail tomorrow?", "How is the server room sensor doing?", "status of HVAC-04",
            "any problems with the UPS units today?");

    @TempDir
    Path dir1;
    @TempDir
    Path dir2;

    @Test
    void run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "ai-query-latency");
        out.put("generated_at", Instant.now());
        out.put("requests_per_run", REQUESTS);
        out.put("questions", QUESTIONS);
        out.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        out.put("note", "Sequential requests over HTTP on loopback against the demo site (43 devices, "
                + AiTestAppliance.DAYS + " days of per-minute data, H2 file DB). Client-side wall time. "
                + "cache_off = every request computes facts and narrates; cache_on = repeats within 300 s are served from the cache.");
        try (AiTestAppliance t = new AiTestAppliance(dir1, AiTestAppliance.closedPort(),
                LlmConfig.builder().retryBackoff(Duration.ofMillis(20)), AiConfig.defaults().withCache(Duration.ZERO, 0))) {
            Thread.sleep(5000); // let the background forecast warm-up finish
            out.put("degraded_cache_off", run(t));
        }
        try (OllamaDouble ollama = OllamaDouble.start().recording(false);
             AiTestAppliance t = new AiTestAppliance(dir2, ollama.baseUrl(), LlmConfig.builder(), AiConfig.defaults())) {
            Thread.sleep(5000);
            t.ai.context().cache().clear();
            out.put("double_cache_on", run(t));
            // same appliance, cache cleared before each request
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                t.ai.context().cache().clear();
                ms.add(t.ask(QUESTIONS.get(i % QUESTIONS.size())).elapsedMs());
            }
            out.put("double_cache_off", summary(ms));
            out.put("prompt_sizes", promptSizes(t));
        }
        Path file = Path.of(System.getProperty("homepot.bench.out", "../bench/results/ai-query-latency.json"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.value(out).toString() + "\n");
        System.out.println("BENCH " + Json.value(out));
    }

    private static Map<String, Object> run(AiTestAppliance t) throws Exception {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            AiTestAppliance.Res r = t.ask(QUESTIONS.get(i % QUESTIONS.size()));
            if (r.status() != 200) {
                throw new AssertionError(r.body());
            }
            ms.add(r.elapsedMs());
        }
        return summary(ms);
    }

    private static Map<String, Object> summary(List<Long> ms) {
        long[] a = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", a.length);
        m.put("p50_ms", pct(a, 0.50));
        m.put("p95_ms", pct(a, 0.95));
        m.put("p99_ms", pct(a, 0.99));
        m.put("max_ms", a[a.length - 1]);
        m.put("mean_ms", Math.round(Arrays.stream(a).average().orElse(0) * 10) / 10.0);
        return m;
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static Map<String, Object> promptSizes(AiTestAppliance t) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        t.ai.context().cache().clear();
        for (String q : QUESTIONS.subList(0, 3)) {
            m.put("query: " + q, size(t.ask(q).json()));
        }
        long hvac = t.device("HVAC-04").id();
        m.put("analyze (HVAC-04, 24h)", size(t.get("/api/ai/analyze/" + hvac).json()));
        m.put("predict (HVAC-04)", size(t.get("/api/ai/predict/" + hvac).json()));
        m.put("insights (Building A)", size(t.get("/api/ai/insights/" + t.siteId).json()));
        return m;
    }

    private static Map<String, Object> size(jakarta.json.JsonObject o) {
        jakarta.json.JsonObject llm = o.getJsonObject("llm");
        return Map.of("prompt_chars", llm.getInt("prompt_chars"), "approx_tokens", (llm.getInt("prompt_chars") + 3) / 4);
    }
}
