package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.embed.ModelVariant;
import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.index.IndexOptions;
import io.homepot.vectorindex.index.SearchFilter;
import io.homepot.vectorindex.index.SimilarIncident;
import io.homepot.vectorindex.model.IncidentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Manual benchmark (not a test): embedding speed, then index build / recall / latency / heap /
 * file size / reopen time. Arguments: {@code --sizes 10000,100000} {@code --out FILE}
 * (default {@code bench/results/vector-index.json}, relative to the working directory)
 * {@code --data DIR} (default {@code vector-index/target/bench-data}) {@code --no-embedding}
 * {@code --beams 50,100,200}. Every timing is recorded as wall clock and as CPU time (thread CPU
 * for single-threaded work, process CPU for parallel work) together with the load average,
 * because the development box is shared.
 *
 * <p>Index vectors: {@value #BASE} generated incident texts are embedded with the real model;
 * each indexed vector is {@code normalise(a*e_i + (1-a)*e_j + noise)} with {@code e_i, e_j}
 * base embeddings of the same category, {@code a ~ U(0.6, 1)} and Gaussian noise of norm ~0.25,
 * which mimics many recurring, slightly different incidents. Queries are fresh vectors drawn
 * the same way; ground truth is exact brute-force top-10.
 */
public final class IndexBench {

    private static final int BASE = 3000;
    private static final int QUERIES = 500;

    private IndexBench() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("vector-index/target/bench-data");
        Path out = Path.of("bench/results/vector-index.json");
        int[] sizes = {10_000, 100_000};
        int[] beams = {50, 100, 200};
        boolean embedding = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--beams" -> beams = ints(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--no-embedding" -> embedding = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --sizes N,N --beams N,N --out FILE --data DIR --no-embedding)");
            }
        }
        Files.createDirectories(data);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + ", -Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        result.put("jvector_vectorization", io.github.jbellis.jvector.vector.VectorizationProvider.getInstance()
                .getClass().getSimpleName());
        result.put("date", java.time.Instant.now().toString());
        result.put("load_average_at_start", loadAvg());
        IncidentTextGenerator gen = new IncidentTextGenerator(7);
        List<String[]> base = gen.next(BASE);
        float[][] baseVectors;
        int[] baseCat;
        try (MiniLmEmbedder single = MiniLmEmbedder.open(EmbedderConfig.defaults(data))) {
            if (embedding) {
                result.put("embedding_fp32", embeddingBench(single, ModelVariant.FP32));
            }
            List<float[]> vs = single.embedAll(base.stream().map(b -> b[1]).toList());
            baseVectors = vs.toArray(new float[0][]);
            baseCat = base.stream().mapToInt(b -> Arrays.asList(IncidentTextGenerator.CATEGORIES).indexOf(b[0])).toArray();
        }
        if (embedding) {
            try (MiniLmEmbedder q = MiniLmEmbedder.open(EmbedderConfig.defaults(data).withVariant(ModelVariant.INT8))) {
                result.put("embedding_int8", embeddingBench(q, ModelVariant.INT8));
            }
        }
        result.put("index_vector_generation", "base of " + BASE + " embedded generated incident texts; "
                + "vector = normalise(a*e_i + (1-a)*e_j + gaussian noise of norm ~0.25), same category, a~U(0.6,1)");
        List<Object> indexes = new ArrayList<>();
        result.put("index", indexes);
        for (int n : sizes) {
            indexes.add(indexBench(n, data, base, baseVectors, baseCat, beams));
            write(out, result); // partial results survive an interrupted long run
        }
        result.put("load_average_at_end", loadAvg());
        System.out.println(Json.write(result));
        write(out, result);
    }

    private static void write(Path out, Map<String, Object> result) throws java.io.IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, Json.write(result) + "\n");
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** CPU time of the whole process (all threads) in ns. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Object> embeddingBench(MiniLmEmbedder e, ModelVariant v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", v.modelId());
        m.putAll(EmbeddingBench.measure(e));
        return m;
    }

    static float[] synth(Random r, float[][] base, int[] cat, int[][] byCat) {
        int i = r.nextInt(base.length);
        int[] same = byCat[cat[i]];
        int j = same[r.nextInt(same.length)];
        double a = 0.6 + 0.4 * r.nextDouble();
        float[] v = new float[base[i].length];
        double sigma = 0.25 / Math.sqrt(v.length);
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (a * base[i][d] + (1 - a) * base[j][d] + sigma * r.nextGaussian());
            norm += v[d] * v[d];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= inv;
        }
        return v;
    }

    private static Map<String, Object> indexBench(int n, Path data, List<String[]> base, float[][] bv,
                                                  int[] cat, int[] beams) throws Exception {
        int[][] byCat = new int[IncidentTextGenerator.CATEGORIES.length][];
        for (int c = 0; c < byCat.length; c++) {
            final int cc = c;
            byCat[c] = java.util.stream.IntStream.range(0, cat.length).filter(i -> cat[i] == cc).toArray();
        }
        Random r = new Random(n);
        float[][] vectors = new float[n][];
        List<IncidentRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vectors[i] = synth(r, bv, cat, byCat);
            String[] b = base.get(r.nextInt(base.size()));
            records.add(new IncidentRecord(i + 1, "dev-" + (i % 500), "site-" + (i % 20), "fridge", b[0],
                    "warning", i % 3 == 0 ? "restarted compressor" : null, 1_700_000_000_000L + i * 60_000L, b[1]));
        }
        Path dir = data.resolve("index-" + n);
        deleteTree(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidents", n);
        IndexOptions opts = IndexOptions.defaults().withAutoSnapshotAfter(0).withSnapshotOnClose(false);
        m.put("graph", "maxDegree " + opts.maxDegree() + ", beamWidth " + opts.beamWidth() + ", hierarchy on");
        try (MiniLmEmbedder embedder = MiniLmEmbedder.open(EmbedderConfig.defaults(data))) {
            IncidentIndex index = IncidentIndex.open(dir, embedder, null, opts);
            m.put("load_average_before_build", loadAvg());
            long c = processCpu();
            long t = System.nanoTime();
            for (int from = 0; from < n; from += 10_000) {
                int to = Math.min(n, from + 10_000);
                index.upsertAllWithVectors(records.subList(from, to), Arrays.asList(vectors).subList(from, to));
            }
            m.put("build_s", round((System.nanoTime() - t) / 1e9));
            m.put("build_process_cpu_s", round((processCpu() - c) / 1e9));
            m.put("load_average_after_build", loadAvg());
            c = processCpu();
            t = System.nanoTime();
            index.snapshot();
            m.put("snapshot_s", round((System.nanoTime() - t) / 1e9));
            m.put("snapshot_process_cpu_s", round((processCpu() - c) / 1e9));
            m.put("file_mb", round(Files.size(dir.resolve("snapshot.hpvi")) / 1048576.0));
            // queries + exact ground truth
            float[][] queries = new float[QUERIES][];
            for (int q = 0; q < QUERIES; q++) {
                queries[q] = synth(r, bv, cat, byCat);
            }
            List<Set<Long>> truth = new ArrayList<>();
            for (float[] q : queries) {
                truth.add(exactTop10(q, vectors));
            }
            List<Object> curve = new ArrayList<>();
            index.close();
            boolean first = true;
            for (int beam : beams) {
                gcHard();
                long heapBefore = usedHeap();
                long co = processCpu();
                long to = System.nanoTime();
                IncidentIndex idx = IncidentIndex.open(dir, embedder, null, opts.withSearchBeam(beam));
                double reopen = (System.nanoTime() - to) / 1e9;
                double reopenCpu = (processCpu() - co) / 1e9;
                if (first) {
                    first = false;
                    gcHard();
                    m.put("heap_mb_index", round((usedHeap() - heapBefore) / 1048576.0));
                    m.put("load_average_during_search", loadAvg());
                }
                for (int w = 0; w < 300; w++) {
                    idx.search(queries[w % QUERIES], 10, SearchFilter.NONE);
                }
                double[] lat = new double[QUERIES];
                double[] cpu = new double[QUERIES];
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                double recall = 0;
                for (int q = 0; q < QUERIES; q++) {
                    long cq = mx.getCurrentThreadCpuTime();
                    long tq = System.nanoTime();
                    List<SimilarIncident> hits = idx.search(queries[q], 10, SearchFilter.NONE);
                    lat[q] = (System.nanoTime() - tq) / 1e6;
                    cpu[q] = (mx.getCurrentThreadCpuTime() - cq) / 1e6;
                    int found = 0;
                    for (SimilarIncident h : hits) {
                        if (truth.get(q).contains(h.incident().id())) {
                            found++;
                        }
                    }
                    recall += found / 10.0;
                }
                Arrays.sort(lat);
                Arrays.sort(cpu);
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("search_beam", beam);
                p.put("recall_at_10", round(recall / QUERIES));
                p.put("p50_ms", round(lat[QUERIES / 2]));
                p.put("p99_ms", round(lat[(int) (QUERIES * 0.99)]));
                p.put("p50_cpu_ms", round(cpu[QUERIES / 2]));
                p.put("p99_cpu_ms", round(cpu[(int) (QUERIES * 0.99)]));
                p.put("reopen_s", round(reopen));
                p.put("reopen_process_cpu_s", round(reopenCpu));
                p.put("load_average", loadAvg());
                curve.add(p);
                System.out.println(n + " " + p);
                idx.close();
            }
            m.put("search", curve);
        }
        return m;
    }

    static Set<Long> exactTop10(float[] q, float[][] vectors) {
        long[] best = new long[10];
        double[] bestS = new double[10];
        Arrays.fill(bestS, -9);
        for (int i = 0; i < vectors.length; i++) {
            double s = 0;
            float[] v = vectors[i];
            for (int d = 0; d < v.length; d++) {
                s += q[d] * v[d];
            }
            if (s > bestS[9]) {
                int k = 9;
                while (k > 0 && bestS[k - 1] < s) {
                    bestS[k] = bestS[k - 1];
                    best[k] = best[k - 1];
                    k--;
                }
                bestS[k] = s;
                best[k] = i + 1;
            }
        }
        Set<Long> out = new HashSet<>();
        for (long b : best) {
            out.add(b);
        }
        return out;
    }

    static void gcHard() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
