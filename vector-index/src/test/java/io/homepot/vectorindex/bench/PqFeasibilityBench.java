package io.homepot.vectorindex.bench;

import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.quantization.ProductQuantization;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.util.PhysicalCoreExecutor;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Manual feasibility check for the 1 M design (not wired into IncidentIndex): JVector graph
 * written as a memory-mapped {@link OnDiskGraphIndex} with inline full-precision vectors,
 * {@link ProductQuantization} codes on heap for traversal, rerank from the mapped vectors.
 * Measures recall@10 against exact search, latency, and the heap that remains (PQ codes +
 * index structures) after the build data is dropped. Same synthetic vectors as {@link IndexBench}.
 *
 * <p>Args: {@code --size N} (100000) {@code --subspaces M} (96) {@code --beams 50,100,200}
 * {@code --data DIR} {@code --out FILE}.
 */
public final class PqFeasibilityBench {

    private static final VectorSimilarityFunction SIM = VectorSimilarityFunction.DOT_PRODUCT;
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private PqFeasibilityBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int subspaces = 96;
        int[] beams = {50, 100, 200};
        Path data = Path.of("vector-index/target/bench-data");
        Path out = Path.of("bench/results/vector-index-pq.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> n = Integer.parseInt(args[++i]);
                case "--subspaces" -> subspaces = Integer.parseInt(args[++i]);
                case "--beams" -> beams = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(data);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "feasibility of the 1M design, not IncidentIndex: OnDiskGraphIndex (inline vectors, mmap) "
                + "+ PQ codes on heap for traversal + rerank from the mapped vectors");
        m.put("machine", Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version")
                + ", -Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m, " + VectorizationProvider.getInstance().getClass().getSimpleName());
        m.put("date", java.time.Instant.now().toString());
        m.put("load_average_at_start", IndexBench.loadAvg());
        m.put("incidents", n);
        m.put("pq_subspaces", subspaces);

        List<String[]> base = new IncidentTextGenerator(7).next(3000);
        float[][] bv;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(data))) {
            bv = e.embedAll(base.stream().map(b -> b[1]).toList()).toArray(new float[0][]);
        }
        int[] cat = base.stream().mapToInt(b -> Arrays.asList(IncidentTextGenerator.CATEGORIES).indexOf(b[0])).toArray();
        int[][] byCat = new int[IncidentTextGenerator.CATEGORIES.length][];
        for (int c = 0; c < byCat.length; c++) {
            final int cc = c;
            byCat[c] = java.util.stream.IntStream.range(0, cat.length).filter(i -> cat[i] == cc).toArray();
        }
        Random r = new Random(n);
        float[][] vectors = null;
        List<VectorFloat<?>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(VTS.createFloatVector(IndexBench.synth(r, bv, cat, byCat)));
        }
        float[][] queries = new float[500][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = IndexBench.synth(r, bv, cat, byCat);
        }
        long tt = System.nanoTime();
        List<Set<Long>> truth = exactTruth(queries, list); // ids are ordinal + 1
        m.put("ground_truth_s", IndexBench.round((System.nanoTime() - tt) / 1e9));
        vectors = null;

        Path graphFile = data.resolve("pq-" + n + ".odgi");
        var ravv = new ListRandomAccessVectorValues(list, list.get(0).length());
        long c0 = IndexBench.processCpu();
        long t0 = System.nanoTime();
        try (GraphIndexBuilder b = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(ravv, SIM),
                ravv.dimension(), 16, 100, 1.2f, 1.2f, true, false)) {
            ImmutableGraphIndex g = b.build(ravv);
            m.put("graph_build_s", IndexBench.round((System.nanoTime() - t0) / 1e9));
            m.put("graph_build_process_cpu_s", IndexBench.round((IndexBench.processCpu() - c0) / 1e9));
            t0 = System.nanoTime();
            OnDiskGraphIndex.write(g, ravv, graphFile);
            m.put("write_s", IndexBench.round((System.nanoTime() - t0) / 1e9));
        }
        m.put("file_mb", IndexBench.round(Files.size(graphFile) / 1048576.0));
        c0 = IndexBench.processCpu();
        t0 = System.nanoTime();
        ProductQuantization pq = ProductQuantization.compute(ravv, subspaces, 256, false);
        PQVectors pqv = (PQVectors) pq.encodeAll(ravv, PhysicalCoreExecutor.pool());
        m.put("pq_train_encode_s", IndexBench.round((System.nanoTime() - t0) / 1e9));
        m.put("pq_train_encode_process_cpu_s", IndexBench.round((IndexBench.processCpu() - c0) / 1e9));
        m.put("pq_codes_mb", IndexBench.round(pqv.ramBytesUsed() / 1048576.0));
        list = null;
        ravv = null;
        IndexBench.gcHard();
        long heapBase = IndexBench.usedHeap();

        t0 = System.nanoTime();
        try (ReaderSupplier rs = ReaderSupplierFactory.open(graphFile);
             OnDiskGraphIndex odgi = OnDiskGraphIndex.load(rs)) {
            m.put("open_s", IndexBench.round((System.nanoTime() - t0) / 1e9));
            IndexBench.gcHard();
            m.put("used_heap_mb_total_after_open", IndexBench.round(IndexBench.usedHeap() / 1048576.0));
            m.put("heap_mb_open_index_excluding_pq", IndexBench.round((IndexBench.usedHeap() - heapBase) / 1048576.0));
            m.put("load_average_during_search", IndexBench.loadAvg());
            List<Object> curve = new ArrayList<>();
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            try (GraphSearcher searcher = new GraphSearcher(odgi); OnDiskGraphIndex.View view = odgi.getView()) {
                for (int beam : beams) {
                    for (int w = 0; w < 200; w++) {
                        search(searcher, view, pqv, queries[w % queries.length], beam);
                    }
                    double[] lat = new double[queries.length];
                    double[] cpu = new double[queries.length];
                    double recall = 0;
                    for (int q = 0; q < queries.length; q++) {
                        long cq = mx.getCurrentThreadCpuTime();
                        long tq = System.nanoTime();
                        SearchResult.NodeScore[] hits = search(searcher, view, pqv, queries[q], beam);
                        lat[q] = (System.nanoTime() - tq) / 1e6;
                        cpu[q] = (mx.getCurrentThreadCpuTime() - cq) / 1e6;
                        int found = 0;
                        for (SearchResult.NodeScore h : hits) {
                            if (truth.get(q).contains((long) h.node + 1)) {
                                found++;
                            }
                        }
                        recall += found / 10.0;
                    }
                    Arrays.sort(lat);
                    Arrays.sort(cpu);
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("search_beam_rerank_k", beam);
                    p.put("recall_at_10", IndexBench.round(recall / queries.length));
                    p.put("p50_ms", IndexBench.round(lat[lat.length / 2]));
                    p.put("p99_ms", IndexBench.round(lat[(int) (lat.length * 0.99)]));
                    p.put("p50_cpu_ms", IndexBench.round(cpu[cpu.length / 2]));
                    p.put("p99_cpu_ms", IndexBench.round(cpu[(int) (cpu.length * 0.99)]));
                    System.out.println(n + " " + p);
                    curve.add(p);
                }
            }
            m.put("search", curve);
        }
        m.put("load_average_at_end", IndexBench.loadAvg());
        String json = Json.write(m);
        System.out.println(json);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, json + "\n");
    }

    /** Exact top-10 per query: SIMD dot products, one pass over the data per query chunk, parallel. */
    private static List<Set<Long>> exactTruth(float[][] queries, List<VectorFloat<?>> data) {
        VectorFloat<?>[] qs = Arrays.stream(queries).map(VTS::createFloatVector).toArray(VectorFloat<?>[]::new);
        int[][] best = new int[qs.length][10];
        float[][] bestS = new float[qs.length][10];
        for (float[] b : bestS) {
            Arrays.fill(b, Float.NEGATIVE_INFINITY);
        }
        java.util.stream.IntStream.range(0, qs.length).parallel().forEach(q -> {
            int[] bi = best[q];
            float[] bs = bestS[q];
            for (int i = 0; i < data.size(); i++) {
                float s = io.github.jbellis.jvector.vector.VectorUtil.dotProduct(qs[q], data.get(i));
                if (s > bs[9]) {
                    int k = 9;
                    while (k > 0 && bs[k - 1] < s) {
                        bs[k] = bs[k - 1];
                        bi[k] = bi[k - 1];
                        k--;
                    }
                    bs[k] = s;
                    bi[k] = i;
                }
            }
        });
        List<Set<Long>> out = new ArrayList<>();
        for (int[] b : best) {
            Set<Long> set = new java.util.HashSet<>();
            for (int i : b) {
                set.add((long) i + 1);
            }
            out.add(set);
        }
        return out;
    }

    private static SearchResult.NodeScore[] search(GraphSearcher searcher, OnDiskGraphIndex.View view, PQVectors pqv,
                                                   float[] query, int beam) {
        VectorFloat<?> q = VTS.createFloatVector(query);
        var ssp = new DefaultSearchScoreProvider(pqv.precomputedScoreFunctionFor(q, SIM), view.rerankerFor(q, SIM));
        return searcher.search(ssp, 10, beam, 0f, 0f, Bits.ALL).getNodes();
    }
}
