package io.homepot.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest throughput: starts a real appliance (embedded H2, fresh data dir), creates a site with devices over the
 * API, then posts {@code samples} metric samples in batches of {@code batch} from {@code threads} client threads.
 * Afterwards it counts the stored rows through the API to prove nothing was lost, and writes samples/s, latency
 * percentiles per batch and the appliance's RSS to a JSON file.
 */
final class IngestBench {
    private static final int DEVICES = 50;
    private static final String[] METRICS = {"temperature", "humidity"};

    private IngestBench() {}

    static void run(BenchMain.Options o) throws Exception {
        Path dataDir = Files.createTempDirectory("homepot-bench-ingest");
        try (ApplianceProcess app = ApplianceProcess.start(o.jar(), dataDir, o.port(), Map.of(), List.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ApiSetup setup = ApiSetup.create(http, app, DEVICES);
            long[] rssBefore = app.rssKb();

            long batches = (o.samples() + o.batch() - 1) / o.batch();
            AtomicLong next = new AtomicLong();
            long[] latenciesNs = new long[(int) batches];
            long start0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            ExecutorService pool = Executors.newFixedThreadPool(o.threads());
            long t0 = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                futures.add(pool.submit(() -> {
                    long sent = 0;
                    for (long b; (b = next.getAndIncrement()) < batches; ) {
                        int n = (int) Math.min(o.batch(), o.samples() - b * o.batch());
                        String body = batchJson(setup.deviceIds(), b, n, o.batch(), start0);
                        long s = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri("/api/ingest"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latenciesNs[(int) b] = System.nanoTime() - s;
                        if (r.statusCode() / 100 != 2) {
                            throw new IllegalStateException("batch " + b + " rejected: " + r.statusCode() + " " + r.body());
                        }
                        sent += n;
                    }
                    return sent;
                }));
            }
            long acknowledged = 0;
            for (Future<Long> f : futures) {
                acknowledged += f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            long[] rssAfter = app.rssKb();
            long stored = setup.countSamples(http, app);

            java.util.Arrays.sort(latenciesNs);
            String json = String.format(Locale.ROOT, """
                    {
                      "benchmark": "ingest",
                      "measured_at": "%s",
                      "machine": {"cores": %d, "java": "%s"},
                      "samples_requested": %d,
                      "samples_acknowledged": %d,
                      "samples_stored": %d,
                      "lost": %d,
                      "batch_size": %d,
                      "client_threads": %d,
                      "devices": %d,
                      "seconds": %.3f,
                      "samples_per_second": %.0f,
                      "batch_latency_ms": {"p50": %.1f, "p95": %.1f, "p99": %.1f, "max": %.1f},
                      "appliance_rss_mb": {"before": %.1f, "after": %.1f, "peak": %.1f},
                      "target_samples_per_second": 50000,
                      "target_met": %s
                    }
                    """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    o.samples(), acknowledged, stored, acknowledged - stored, o.batch(), o.threads(), DEVICES, seconds,
                    acknowledged / seconds, pct(latenciesNs, 0.50), pct(latenciesNs, 0.95), pct(latenciesNs, 0.99),
                    latenciesNs[latenciesNs.length - 1] / 1e6, rssBefore[0] / 1024.0, rssAfter[0] / 1024.0,
                    rssAfter[1] / 1024.0, acknowledged / seconds >= 50_000 && stored == acknowledged);
            Files.createDirectories(o.out().toAbsolutePath().getParent());
            Files.writeString(o.out(), json);
            System.out.print(json);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Batch {@code b}: {@code n} samples spread over devices and metrics, one minute apart per series. */
    private static String batchJson(List<Long> devices, long b, int n, int batchSize, long start0) {
        StringBuilder sb = new StringBuilder(n * 80).append("{\"samples\":[");
        for (int i = 0; i < n; i++) {
            long k = b * batchSize + i;
            long device = devices.get((int) (k % devices.size()));
            long series = k / devices.size();
            String metric = METRICS[(int) (series % METRICS.length)];
            long minute = series / METRICS.length;
            double value = metric.equals("temperature") ? 21 + 3 * Math.sin(minute / 229.0) + (k % 7) * 0.05
                    : 45 + 5 * Math.cos(minute / 311.0);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"device_id\":").append(device).append(",\"metric\":\"").append(metric)
                    .append("\",\"ts\":").append(start0 + minute * 60_000L).append(",\"value\":")
                    .append(String.format(Locale.ROOT, "%.3f", value)).append('}');
        }
        return sb.append("]}").toString();
    }

    static long firstLong(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
