package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.embed.ModelVariant;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual benchmark (not a test) of the embedder alone; {@link IndexBench} runs the same
 * measurement before its index part. Sentences: 1 300 generated incident texts
 * ({@code IncidentTextGenerator(11)}); single-sentence latency over texts 100–399 after 100 warm-up
 * calls (wall clock and caller-thread CPU time, plus the tokenizer alone), batched throughput as
 * {@code embedAll} of texts 300–1 299. Every round is recorded with the load average, because the
 * development box is shared. Arguments: {@code --out FILE} (default
 * {@code bench/results/vector-index-embed.json}), {@code --data DIR} (default
 * {@code vector-index/target/bench-data}), {@code --rounds N} (default 3), {@code --variants fp32,int8}
 * (a {@code -unfused} suffix, e.g. {@code fp32-unfused}, runs the exported graph without
 * {@code EmbedderConfig#fuseAttention}).
 */
public final class EmbeddingBench {

    private static final int WARMUP = 100;
    private static final int SINGLE = 300;

    private EmbeddingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("vector-index/target/bench-data");
        Path out = Path.of("bench/results/vector-index-embed.json");
        int rounds = 3;
        String[] variants = {"fp32", "int8"};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--variants" -> variants = args[++i].split(",");
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --out FILE --data DIR --rounds N --variants fp32,int8)");
            }
        }
        Files.createDirectories(data);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version"));
        result.put("date", java.time.Instant.now().toString());
        result.put("load_average_at_start", IndexBench.loadAvg());
        for (String v : variants) {
            boolean unfused = v.endsWith("-unfused");
            ModelVariant variant = ModelVariant.parse(v.replace("-unfused", ""));
            long t = System.nanoTime();
            try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(data).withVariant(variant)
                    .withFuseAttention(!unfused))) {
                double openS = (System.nanoTime() - t) / 1e9;
                List<Object> perRound = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    perRound.add(measure(e));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", variant.modelId());
                m.put("fuse_attention", !unfused);
                m.put("onnx_file", e.onnxFile().getFileName().toString());
                m.put("open_s", IndexBench.round(openS));
                m.put("rounds", perRound);
                result.put("embedding_" + v.toLowerCase(java.util.Locale.ROOT).replace('-', '_'), m);
            }
        }
        result.put("load_average_at_end", IndexBench.loadAvg());
        String json = Json.write(result);
        System.out.println(json);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, json + "\n");
    }

    /** One measurement round of {@code e} (see class comment). */
    static Map<String, Object> measure(MiniLmEmbedder e) {
        List<String> sentences = new IncidentTextGenerator(11).next(1300).stream().map(s -> s[1]).toList();
        for (int i = 0; i < WARMUP; i++) {
            e.embed(sentences.get(i));
            e.tokenIds(sentences.get(i));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ms = new double[SINGLE];
        double[] cpu = new double[SINGLE];
        double[] tok = new double[SINGLE];
        for (int i = 0; i < SINGLE; i++) {
            String s = sentences.get(WARMUP + i);
            long c = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < 10; k++) {
                e.tokenIds(s);
            }
            tok[i] = (mx.getCurrentThreadCpuTime() - c) / 1e7;
            c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            e.embed(s);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        Arrays.sort(tok);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("single_setup", "embed(text), one ORT intra-op thread, caller thread CPU time, after "
                + WARMUP + " warm-up calls, " + SINGLE + " sentences");
        m.put("single_thread_median_ms", IndexBench.round(ms[SINGLE / 2]));
        m.put("single_thread_p90_ms", IndexBench.round(ms[(int) (SINGLE * 0.9)]));
        m.put("single_thread_median_cpu_ms", IndexBench.round(cpu[SINGLE / 2]));
        m.put("single_thread_p90_cpu_ms", IndexBench.round(cpu[(int) (SINGLE * 0.9)]));
        m.put("tokenizer_median_cpu_ms", Math.round(tok[SINGLE / 2] * 10_000) / 10_000.0);
        m.put("mean_tokens_per_sentence", IndexBench.round(sentences.subList(WARMUP, WARMUP + SINGLE).stream()
                .mapToInt(s -> e.tokenIds(s).length).average().orElse(0)));
        m.put("load_average_single", IndexBench.loadAvg());
        List<String> batch = sentences.subList(300, 1300);
        e.embedAll(sentences.subList(0, 300));
        long c = IndexBench.processCpu();
        long t = System.nanoTime();
        e.embedAll(batch);
        double s = (System.nanoTime() - t) / 1e9;
        double cs = (IndexBench.processCpu() - c) / 1e9;
        m.put("batched_sentences_per_s", IndexBench.round(batch.size() / s));
        m.put("batched_sentences_per_cpu_s", IndexBench.round(batch.size() / cs));
        m.put("batched_setup", "embedAll of " + batch.size() + " sentences, batches of "
                + e.config().maxBatchSize() + " sorted by length, "
                + Runtime.getRuntime().availableProcessors() + " batch workers with one ORT intra-op thread each; "
                + "per_cpu_s uses process CPU time");
        m.put("load_average", IndexBench.loadAvg());
        return m;
    }
}
