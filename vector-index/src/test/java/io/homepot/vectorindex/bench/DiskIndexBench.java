package io.homepot.vectorindex.bench;

import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.index.IndexOptions;
import io.homepot.vectorindex.model.IncidentRecord;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Manual benchmark of {@link IncidentIndex} in its disk tier (snapshot format 2): builds an index
 * of N incidents through the public API (upserts in batches of 10 000, then {@code snapshot()},
 * which writes the memory-mapped graph, full vectors and PQ codes), computes exact top-10 for 500
 * fresh queries, then runs {@link DiskIndexProbe} in a child JVM with a hard heap cap to reopen
 * the index and measure heap, recall@10, latency and writes. Vectors as in {@link IndexBench}
 * (generated incident texts embedded with the real model, mixed and perturbed).
 *
 * <p>Args: {@code --sizes 1000000} {@code --threshold 200000} (disk format from this size)
 * {@code --beams 100,200,400} {@code --child-xmx 1500m} {@code --fold} (also fold writes into a
 * new base inside the capped child) {@code --data DIR} {@code --out FILE}. The build JVM itself
 * needs room for the generated vectors and the in-memory graph (-Xmx6g at 1 M).
 */
public final class DiskIndexBench {

    private static final int QUERIES = 500;
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private DiskIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = {1_000_000};
        int threshold = IndexOptions.DEFAULT_DISK_THRESHOLD;
        String beams = "100,200,400";
        String childXmx = "1500m";
        boolean fold = false;
        Path data = Path.of("vector-index/target/bench-data");
        Path out = Path.of("bench/results/vector-index-1m.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--threshold" -> threshold = Integer.parseInt(args[++i]);
                case "--beams" -> beams = args[++i];
                case "--child-xmx" -> childXmx = args[++i];
                case "--fold" -> fold = true;
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(data);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("what", "IncidentIndex disk tier (format 2): mmap'd OnDiskGraphIndex with inline vectors, PQ codes "
                + "on heap for traversal, rerank from disk; built through the public API, measured in a child JVM "
                + "with -Xmx" + childXmx);
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version")
                + ", build JVM -Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m, "
                + VectorizationProvider.getInstance().getClass().getSimpleName());
        result.put("date", java.time.Instant.now().toString());
        result.put("load_average_at_start", IndexBench.loadAvg());
        result.put("disk_threshold", threshold);
        List<String[]> base = new IncidentTextGenerator(7).next(3000);
        float[][] bv;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(data))) {
            bv = e.embedAll(base.stream().map(b -> b[1]).toList()).toArray(new float[0][]);
        }
        int[] cat = base.stream().mapToInt(b -> Arrays.asList(IncidentTextGenerator.CATEGORIES).indexOf(b[0])).toArray();
        int[][] byCat = new int[IncidentTextGenerator.CATEGORIES.length][];
        for (int c = 0; c < byCat.length; c++) {
            final int cc = c;
            byCat[c] = IntStream.range(0, cat.length).filter(i -> cat[i] == cc).toArray();
        }
        List<Object> runs = new ArrayList<>();
        result.put("index", runs);
        for (int n : sizes) {
            runs.add(run(n, threshold, beams, childXmx, fold, data, base, bv, cat, byCat));
            result.put("load_average_at_end", IndexBench.loadAvg());
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Json.write(result) + "\n");
        }
        System.out.println(Json.write(result));
    }

    private static Map<String, Object> run(int n, int threshold, String beams, String childXmx, boolean fold, Path data,
                                           List<String[]> base, float[][] bv, int[] cat, int[][] byCat) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidents", n);
        Random r = new Random(n);
        float[][] vectors = new float[n][];
        List<IncidentRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vectors[i] = IndexBench.synth(r, bv, cat, byCat);
            String[] b = base.get(r.nextInt(base.size()));
            records.add(new IncidentRecord(i + 1, "dev-" + (i % 500), "site-" + (i % 20), "fridge", b[0],
                    "warning", i % 3 == 0 ? "restarted compressor" : null, 1_700_000_000_000L + i * 60_000L, b[1]));
        }
        float[][] queries = new float[QUERIES][];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = IndexBench.synth(r, bv, cat, byCat);
        }
        Path dir = data.resolve("disk-index-" + n);
        deleteTree(dir);
        IndexOptions opts = IndexOptions.defaults().withDiskThreshold(threshold).withAutoSnapshotAfter(0)
                .withSnapshotOnClose(false);
        m.put("graph", "maxDegree " + opts.maxDegree() + ", beamWidth " + opts.beamWidth()
                + ", hierarchy on; PQ 96 subspaces x 256 centroids");
        try (MiniLmEmbedder embedder = MiniLmEmbedder.open(EmbedderConfig.defaults(data));
             IncidentIndex index = IncidentIndex.open(dir, embedder, null, opts)) {
            m.put("load_average_before_build", IndexBench.loadAvg());
            long c = IndexBench.processCpu();
            long t = System.nanoTime();
            for (int from = 0; from < n; from += 10_000) {
                int to = Math.min(n, from + 10_000);
                index.upsertAllWithVectors(records.subList(from, to), Arrays.asList(vectors).subList(from, to));
            }
            double insertS = (System.nanoTime() - t) / 1e9;
            double insertCpu = (IndexBench.processCpu() - c) / 1e9;
            m.put("insert_s", IndexBench.round(insertS));
            m.put("insert_process_cpu_s", IndexBench.round(insertCpu));
            m.put("load_average_after_insert", IndexBench.loadAvg());
            c = IndexBench.processCpu();
            t = System.nanoTime();
            index.snapshot();
            double snapS = (System.nanoTime() - t) / 1e9;
            double snapCpu = (IndexBench.processCpu() - c) / 1e9;
            m.put("snapshot_s", IndexBench.round(snapS));
            m.put("snapshot_process_cpu_s", IndexBench.round(snapCpu));
            m.put("build_s", IndexBench.round(insertS + snapS));
            m.put("build_process_cpu_s", IndexBench.round(insertCpu + snapCpu));
            m.put("load_average_after_build", IndexBench.loadAvg());
            m.put("disk_resident_incidents", index.diskResidentSize());
        }
        long bytes = 0;
        Map<String, Object> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                files.put(p.getFileName().toString(), IndexBench.round(Files.size(p) / 1048576.0));
                bytes += Files.size(p);
            }
        }
        m.put("files_mb", files);
        m.put("file_mb_total", IndexBench.round(bytes / 1048576.0));
        long t = System.nanoTime();
        long[][] truth = exactTop10(queries, vectors);
        m.put("ground_truth_s", IndexBench.round((System.nanoTime() - t) / 1e9));
        Path queryFile = data.resolve("disk-queries-" + n + ".bin");
        writeQueries(queryFile, queries, truth);
        vectors = null;
        records = null;
        m.put("search_and_writes", new Json.Raw(runChild(dir, queryFile, beams, childXmx, fold, data)));
        return m;
    }

    /** Runs {@link DiskIndexProbe} in a JVM capped at {@code xmx}; returns its JSON. */
    private static String runChild(Path dir, Path queries, String beams, String xmx, boolean fold, Path data)
            throws Exception {
        Path json = data.resolve("disk-probe.json");
        Files.deleteIfExists(json);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                DiskIndexProbe.class.getName(), dir.toString(), queries.toString(), beams, json.toString(),
                Boolean.toString(fold)));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int rc = p.waitFor();
        if (!Files.exists(json)) {
            throw new IllegalStateException("probe JVM exited with " + rc + " and no result");
        }
        String result = Files.readString(json);
        return rc == 0 ? result : result.strip().replaceFirst("}$", ",\n  \"probe_exit_code\": " + rc + "\n}");
    }

    private static void writeQueries(Path file, float[][] queries, long[][] truth) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(queries.length);
            out.writeInt(queries[0].length);
            for (int q = 0; q < queries.length; q++) {
                for (float f : queries[q]) {
                    out.writeFloat(f);
                }
                for (long id : truth[q]) {
                    out.writeLong(id);
                }
            }
        }
    }

    /** Exact top-10 ids (ordinal + 1) per query; SIMD dot products, queries in parallel. */
    static long[][] exactTop10(float[][] queries, float[][] vectors) {
        VectorFloat<?>[] data = Arrays.stream(vectors).map(VTS::createFloatVector).toArray(VectorFloat<?>[]::new);
        long[][] out = new long[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            VectorFloat<?> qv = VTS.createFloatVector(queries[q]);
            long[] bi = new long[10];
            float[] bs = new float[10];
            Arrays.fill(bs, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < data.length; i++) {
                float s = VectorUtil.dotProduct(qv, data[i]);
                if (s > bs[9]) {
                    int k = 9;
                    while (k > 0 && bs[k - 1] < s) {
                        bs[k] = bs[k - 1];
                        bi[k] = bi[k - 1];
                        k--;
                    }
                    bs[k] = s;
                    bi[k] = i + 1;
                }
            }
            out[q] = bi;
        });
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
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
