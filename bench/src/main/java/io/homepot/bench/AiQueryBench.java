package io.homepot.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /api/ai/query} under load, against a real appliance process with the demo site:
 * <ol>
 *   <li>{@code llm}: 10 concurrent users, Ollama = the project's Ollama double answering instantly and in
 *       parallel, so the latency is the appliance's own work (facts, prompt, LLM client, verification, HTTP);</li>
 *   <li>{@code degraded}: 10 concurrent users, Ollama unreachable (deterministic narrative);</li>
 *   <li>{@code spike}: 50 queries released at once against the double; only 503 + Retry-After may fail.</li>
 * </ol>
 * Questions vary (device, phrasing and a counter) so the answer cache does not serve them. Each phase starts after a
 * warm-up that lasts until the appliance's JIT compilers are nearly idle ({@link #warmUp}); its length is reported.
 */
final class AiQueryBench {
    private static final String[] TEMPLATES = {
        "What is wrong with %s? (%d)", "Is %s likely to fail tomorrow? (%d)", "How has %s behaved this week? (%d)",
        "Which sensors in Building A ran hot this week? (%d %s)", "Is anything likely to fail tomorrow? (%d %s)"};
    private static final String[] DEVICES = {"POS-07", "POS-12", "HVAC-01", "HVAC-04", "UPS-01", "SW-02",
        "TH Sensor - Server Room", "Temp Sensor - Storage Room"};

    private AiQueryBench() {}

    static void run(BenchMain.Options o) throws Exception {
        Path dataDir = Files.createTempDirectory("homepot-bench-ai");
        Path testClasses = o.jar().toAbsolutePath().getParent().resolve("test-classes");
        Path lib = o.jar().toAbsolutePath().getParent().resolve("lib");
        int ollamaPort = o.port() + 1;
        Process dbl = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClasses + ":" + lib + "/*", "io.homepot.appliance.testing.ollama.OllamaDouble",
                Integer.toString(ollamaPort),
                "--reply=The facts show the devices listed; no further issues were found.")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("ollama-double.log").toFile()).start();
        StringBuilder json = new StringBuilder();
        try {
            Map<String, String> demoEnv = Map.of("HOMEPOT_DEMO_DAYS", "3", "HOMEPOT_DEMO_LIVE_INTERVAL_SECONDS", "0",
                    "HOMEPOT_REPORTS_SCHEDULE", "false");
            String llm, spike, degraded;
            String llmWarmup, degradedWarmup;
            long[] rss;
            try (ApplianceProcess app = ApplianceProcess.start(o.jar(), dataDir, o.port(),
                    merge(demoEnv, "OLLAMA_URL", "http://127.0.0.1:" + ollamaPort), List.of("--demo"))) {
                awaitDemo(app);
                awaitIndex(app);
                llmWarmup = warmUp(app); // JIT steady state: an appliance runs for months
                llm = load(app, 10, 200, "llm");
                spike = spike(app, 50);
                rss = app.rssKb();
            }
            try (ApplianceProcess app = ApplianceProcess.start(o.jar(), dataDir, o.port(),
                    merge(demoEnv, "OLLAMA_URL", "http://127.0.0.1:9"), List.of("--demo"))) {
                awaitIndex(app);
                Thread.sleep(6000); // the background Ollama probe has found it absent
                degradedWarmup = warmUp(app);
                degraded = load(app, 10, 200, "degraded");
            }
            json.append(String.format(Locale.ROOT, """
                    {
                      "benchmark": "ai-query",
                      "measured_at": "%s",
                      "machine": {"cores": %d, "java": "%s"},
                      "demo_days": 3,
                      "warmup": {"llm": %s, "degraded": %s},
                      "llm_instant_double": %s,
                      "degraded_no_ollama": %s,
                      "spike_50_concurrent": %s,
                      "appliance_rss_mb": %.1f,
                      "targets": {"llm_p95_ms": 50, "degraded_p95_ms": 100, "spike_errors_other_than_503": 0}
                    }
                    """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    llmWarmup, degradedWarmup, llm, degraded, spike, rss[0] / 1024.0));
        } finally {
            dbl.destroy();
        }
        Path out = o.out().getFileName().toString().equals("ingest.json") ? Path.of("bench/results/ai-query.json") : o.out();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.print(json);
    }

    private static Map<String, String> merge(Map<String, String> base, String k, String v) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }

    /** Waits until the demo back-fill is stored (the sample count stops growing) and scored. */
    private static void awaitDemo(ApplianceProcess app) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long last = -1;
        for (int i = 0; i < 600; i++) {
            long n;
            try {
                n = IngestBench.firstLong(ApiSetup.get(http, app, "/api/ai/status"), "metric_samples");
            } catch (IllegalStateException busy) {
                n = -1; // no count in this status (e.g. the table was locked by the back-fill): ask again
            }
            if (n > 0 && n == last) {
                Thread.sleep(5000); // let scoring catch up with the back-fill
                return;
            }
            last = n;
            Thread.sleep(2000);
        }
        throw new IOException("demo back-fill did not finish");
    }

    /** Waits until the incident index has opened (ONNX model loaded), so start-up work does not skew the run. */
    private static void awaitIndex(ApplianceProcess app) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (ApiSetup.get(http, app, "/api/ai/status").replace(" ", "").contains("\"state\":\"ready\"")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IOException("incident index not ready after 300 s");
    }

    private static String question(int user, int i) {
        String t = TEMPLATES[(user + i) % TEMPLATES.length];
        String d = DEVICES[(user * 7 + i) % DEVICES.length];
        int nonce = user * 1000 + i;
        return t.startsWith("Which") || t.startsWith("Is anything") ? String.format(t, nonce, "") : String.format(t, d, nonce);
    }

    private static HttpRequest queryRequest(ApplianceProcess app, String q) {
        String body = "{\"question\":\"" + q.replace("\"", "\\\"") + "\"}";
        return HttpRequest.newBuilder(app.uri("/api/ai/query")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Warm-up ends once the JIT compilers used less than this share of one core over the last rounds. */
    private static final double JIT_QUIET_SHARE = 0.05;
    /** Rounds (600 queries each) the share is measured over: a degraded round lasts only ~1.5 s. */
    private static final int JIT_WINDOW_ROUNDS = 3;
    private static final int WARMUP_MAX_ROUNDS = 40;

    /**
     * Sends rounds of 600 queries (10 users, as measured) until the appliance's JIT compilers are nearly idle
     * ({@code jvm_compilation_time_ms_total} grew by less than {@link #JIT_QUIET_SHARE} of the wall time of the last
     * {@link #JIT_WINDOW_ROUNDS} rounds), at most {@link #WARMUP_MAX_ROUNDS}: a fresh JVM compiles for thousands of
     * requests, and under full load its compiler threads compete with the requests, so a short fixed warm-up measures
     * the JIT, not the steady state of an appliance that runs for months. Returns what the warm-up took, as JSON.
     */
    private static String warmUp(ApplianceProcess app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        double[] jit = new double[WARMUP_MAX_ROUNDS + 1];
        long[] at = new long[WARMUP_MAX_ROUNDS + 1];
        jit[0] = jitMillis(http, app);
        at[0] = System.nanoTime();
        int rounds = 0;
        double share = 1;
        while (rounds < WARMUP_MAX_ROUNDS && share >= JIT_QUIET_SHARE) {
            load(app, 10, 60, "warmup" + rounds);
            rounds++;
            jit[rounds] = jitMillis(http, app);
            at[rounds] = System.nanoTime();
            if (rounds >= JIT_WINDOW_ROUNDS) {
                int from = rounds - JIT_WINDOW_ROUNDS;
                share = (jit[rounds] - jit[from]) / ((at[rounds] - at[from]) / 1e6);
            }
        }
        return String.format(Locale.ROOT, "{\"requests\": %d, \"seconds\": %.1f, \"jit_share_last_rounds\": %.3f, "
                + "\"jit_quiet\": %b}", rounds * 600, (at[rounds] - at[0]) / 1e9, share, share < JIT_QUIET_SHARE);
    }

    /** Total JIT compilation time of the appliance so far, from its Prometheus metrics. */
    private static double jitMillis(HttpClient http, ApplianceProcess app) throws IOException, InterruptedException {
        for (String line : ApiSetup.get(http, app, "/metrics").split("\n")) {
            if (line.startsWith("jvm_compilation_time_ms_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IOException("no jvm_compilation_time_ms_total in /metrics");
    }

    /** {@code users} threads each sending {@code perUser} queries back to back; returns a JSON summary. */
    private static String load(ApplianceProcess app, int users, int perUser, String label) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        long[] lat = new long[users * perUser];
        long[] own = new long[users * perUser];
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> llmStatuses = new ConcurrentHashMap<>();
        List<Future<?>> fs = new ArrayList<>();
        double load0 = loadAverage();
        long cpu0 = cpuTicks(app);
        long t0 = System.nanoTime();
        for (int u = 0; u < users; u++) {
            int user = u;
            fs.add(pool.submit(() -> {
                for (int i = 0; i < perUser; i++) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(queryRequest(app, question(user, i) + " " + label),
                            HttpResponse.BodyHandlers.ofString());
                    lat[user * perUser + i] = System.nanoTime() - s;
                    own[user * perUser + i] = ownWorkNs(r.body(), lat[user * perUser + i]);
                    statuses.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger()).incrementAndGet();
                    var m = java.util.regex.Pattern.compile("\"llm\"\\s*:\\s*\\{[^}]*\"status\"\\s*:\\s*\"(\\w+)\"").matcher(r.body());
                    llmStatuses.computeIfAbsent(m.find() ? m.group(1) : "none", k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long cpu1 = cpuTicks(app);
        double load1 = loadAverage();
        pool.shutdown();
        Arrays.sort(lat);
        Arrays.sort(own);
        double cpuMs = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) * 1000.0 / CLOCK_TICKS / lat.length;
        return String.format(Locale.ROOT, "{\"users\": %d, \"requests\": %d, \"seconds\": %.2f, \"requests_per_second\": %.1f, "
                + "\"latency_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f, \"max\": %.1f}, "
                + "\"own_work_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f}, \"appliance_cpu_ms_per_request\": %.1f, "
                + "\"load_average_1m\": [%.2f, %.2f], \"http_status\": %s, \"llm_status\": %s}",
                users, lat.length, secs, lat.length / secs, pct(lat, .5), pct(lat, .95), pct(lat, .99),
                lat[lat.length - 1] / 1e6, pct(own, .5), pct(own, .95), pct(own, .99), cpuMs, load0, load1, statuses,
                llmStatuses);
    }

    /**
     * The appliance's own work for one answer: client-observed latency minus {@code llm.llm_time_ms} (the LLM call
     * including its wait in the model's queue, as the appliance reports it); the full latency when no LLM was called.
     */
    private static long ownWorkNs(String body, long latencyNs) {
        var m = java.util.regex.Pattern.compile("\"llm_time_ms\"\\s*:\\s*(\\d+)").matcher(body);
        long llmNs = m.find() ? Long.parseLong(m.group(1)) * 1_000_000L : 0;
        return Math.max(0, latencyNs - llmNs);
    }

    /** {@code n} queries released together; counts statuses and checks every 503 carries Retry-After. */
    private static String spike(ApplianceProcess app, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier barrier = new CyclicBarrier(n);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger busyWithoutRetryAfter = new AtomicInteger();
        long[] lat = new long[n];
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(pool.submit(() -> {
                barrier.await();
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(queryRequest(app, question(k, 99) + " spike"), HttpResponse.BodyHandlers.ofString());
                lat[k] = System.nanoTime() - s;
                statuses.computeIfAbsent(Integer.toString(r.statusCode()), x -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()) {
                    busyWithoutRetryAfter.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        Arrays.sort(lat);
        int errors = statuses.entrySet().stream().filter(e -> !e.getKey().equals("200") && !e.getKey().equals("503"))
                .mapToInt(e -> e.getValue().get()).sum();
        return String.format(Locale.ROOT, "{\"requests\": %d, \"http_status\": %s, \"errors_other_than_503\": %d, "
                + "\"503_without_retry_after\": %d, \"latency_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"max\": %.1f}}",
                n, statuses, errors, busyWithoutRetryAfter.get(), pct(lat, .5), pct(lat, .95), lat[n - 1] / 1e6);
    }

    /** Kernel clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double CLOCK_TICKS = 100.0;

    /**
     * User + system CPU time of the appliance process in clock ticks, from {@code /proc/<pid>/stat} (all its
     * threads, JIT and GC included); -1 where unavailable. Per request it is the number that counts on a shared
     * machine, where wall-clock latencies depend on the other load.
     */
    private static long cpuTicks(ApplianceProcess app) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(app.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1-minute load average of the machine, -1 where unavailable. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
