package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.index.IndexOptions;
import io.homepot.vectorindex.index.SearchFilter;
import io.homepot.vectorindex.index.SimilarIncident;
import io.homepot.vectorindex.model.IncidentRecord;
import java.io.DataInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
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

/**
 * Child JVM of {@link DiskIndexBench}, run with a hard heap cap: reopens the index, reports heap
 * after open, recall@10 and latency per disk search beam, then does writes (inserts, deletes,
 * metadata and text updates) and filtered searches against the disk tier plus delta, and
 * optionally folds them into a new base ({@code snapshot()}). Any heap overrun is an
 * OutOfMemoryError, i.e. a failed run. Args: indexDir queryFile beams outJson fold.
 */
public final class DiskIndexProbe {

    private DiskIndexProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int[] beams = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        boolean fold = Boolean.parseBoolean(args[4]);
        float[][] queries;
        Set<Long>[] truth;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(Path.of(args[1]))))) {
            int n = in.readInt();
            int dim = in.readInt();
            queries = new float[n][dim];
            @SuppressWarnings("unchecked")
            Set<Long>[] t = new Set[n];
            truth = t;
            for (int q = 0; q < n; q++) {
                for (int d = 0; d < dim; d++) {
                    queries[q][d] = in.readFloat();
                }
                truth[q] = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    truth[q].add(in.readLong());
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jvm", "-Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        IndexOptions base = IndexOptions.defaults().withSnapshotOnClose(false).withAutoSnapshotAfter(0);
        try (MiniLmEmbedder embedder = MiniLmEmbedder.open(EmbedderConfig.defaults(dir.getParent()))) {
            embedder.embed("warm up the model");
            List<Object> curve = new ArrayList<>();
            IncidentIndex idx = null;
            for (int beam : beams) {
                IndexBench.gcHard();
                long heapBefore = IndexBench.usedHeap();
                long c = IndexBench.processCpu();
                long t = System.nanoTime();
                idx = IncidentIndex.open(dir, embedder, null, base.withDiskSearchBeam(beam));
                double open = (System.nanoTime() - t) / 1e9;
                double openCpu = (IndexBench.processCpu() - c) / 1e9;
                if (curve.isEmpty()) {
                    IndexBench.gcHard();
                    m.put("incidents", idx.size());
                    m.put("disk_resident_incidents", idx.diskResidentSize());
                    m.put("heap_mb_index", IndexBench.round((IndexBench.usedHeap() - heapBefore) / 1048576.0));
                    m.put("heap_mb_used_total_after_open", IndexBench.round(IndexBench.usedHeap() / 1048576.0));
                    m.put("index_ram_estimate_mb", IndexBench.round(idx.graphRamBytes() / 1048576.0));
                }
                Map<String, Object> p = measure(idx, queries, truth, SearchFilter.NONE);
                p.put("disk_search_beam", beam);
                p.put("open_s", IndexBench.round(open));
                p.put("open_process_cpu_s", IndexBench.round(openCpu));
                p.put("load_average", IndexBench.loadAvg());
                System.out.println("beam " + beam + " " + p);
                curve.add(p);
                if (beam != beams[beams.length - 1]) {
                    idx.close();
                }
            }
            m.put("search", curve);
            m.put("writes", writes(idx, queries));
            Map<String, Object> filtered = measure(idx, queries, null, SearchFilter.NONE.site("site-3")
                    .category("temperature").between(1_700_000_000_000L, 1_700_000_000_000L + 30_000_000_000L));
            filtered.put("filter", "site-3 (1/20), category temperature (1/8), first half of the time range");
            m.put("filtered_search_after_writes", filtered);
            m.put("text_search_top1", idx.search("Temperature in cold room 2 rose to 9 C, above threshold", 1,
                    SearchFilter.NONE).get(0).incident().text());
            if (fold) {
                m.put("fold_snapshot", "running (a result file with this line means the fold did not finish)");
                Files.writeString(Path.of(args[3]), Json.write(m) + "\n");
                IndexBench.gcHard();
                long c = IndexBench.processCpu();
                long t = System.nanoTime();
                idx.snapshot();
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("fold_s", IndexBench.round((System.nanoTime() - t) / 1e9));
                f.put("fold_process_cpu_s", IndexBench.round((IndexBench.processCpu() - c) / 1e9));
                f.put("incidents_after", idx.size());
                f.put("load_average", IndexBench.loadAvg());
                m.put("fold_snapshot", f);
            }
            idx.close();
        }
        m.put("heap_mb_peak_used_sum_of_pool_peaks", IndexBench.round(peakHeap() / 1048576.0));
        m.put("load_average_at_end", IndexBench.loadAvg());
        Files.writeString(Path.of(args[3]), Json.write(m) + "\n");
    }

    /** Recall (if truth given) and latency over all queries after 300 warm-up searches. */
    private static Map<String, Object> measure(IncidentIndex idx, float[][] queries, Set<Long>[] truth, SearchFilter f) {
        for (int w = 0; w < 300; w++) {
            idx.search(queries[w % queries.length], 10, f);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] lat = new double[queries.length];
        double[] cpu = new double[queries.length];
        double recall = 0;
        for (int q = 0; q < queries.length; q++) {
            long cq = mx.getCurrentThreadCpuTime();
            long tq = System.nanoTime();
            List<SimilarIncident> hits = idx.search(queries[q], 10, f);
            lat[q] = (System.nanoTime() - tq) / 1e6;
            cpu[q] = (mx.getCurrentThreadCpuTime() - cq) / 1e6;
            if (truth != null) {
                Set<Long> t = truth[q];
                recall += hits.stream().filter(h -> t.contains(h.incident().id())).count() / 10.0;
            } else if (hits.stream().anyMatch(h -> !f.matches(h.incident()))) {
                throw new IllegalStateException("filter violated");
            }
        }
        Arrays.sort(lat);
        Arrays.sort(cpu);
        Map<String, Object> p = new LinkedHashMap<>();
        if (truth != null) {
            p.put("recall_at_10", IndexBench.round(recall / queries.length));
        }
        p.put("p50_ms", IndexBench.round(lat[lat.length / 2]));
        p.put("p99_ms", IndexBench.round(lat[(int) (lat.length * 0.99)]));
        p.put("p50_cpu_ms", IndexBench.round(cpu[cpu.length / 2]));
        p.put("p99_cpu_ms", IndexBench.round(cpu[(int) (cpu.length * 0.99)]));
        return p;
    }

    /** 1 000 inserts, 500 deletes, 500 metadata and 500 text updates of disk-resident incidents. */
    private static Map<String, Object> writes(IncidentIndex idx, float[][] queries) throws Exception {
        Random r = new Random(5);
        long maxId = idx.maxId();
        int n = idx.size();
        List<IncidentRecord> inserts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            IncidentRecord like = idx.get(1 + r.nextInt(n)).orElseThrow();
            inserts.add(new IncidentRecord(maxId + 1 + i, like.deviceId(), like.siteId(), like.deviceType(),
                    like.category(), like.severity(), null, like.timestampMs(), like.text()));
            vectors.add(perturb(queries[i % queries.length], r));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        long t = System.nanoTime();
        for (int i = 0; i < inserts.size(); i += 100) {
            idx.upsertAllWithVectors(inserts.subList(i, i + 100), vectors.subList(i, i + 100));
        }
        m.put("insert_1000_in_batches_of_100_s", IndexBench.round((System.nanoTime() - t) / 1e9));
        t = System.nanoTime();
        List<Long> deleted = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long id = 1 + r.nextInt(n);
            if (idx.delete(id)) {
                deleted.add(id);
            }
        }
        m.put("delete_500_single_s", IndexBench.round((System.nanoTime() - t) / 1e9));
        List<IncidentRecord> meta = new ArrayList<>();
        List<float[]> metaV = new ArrayList<>();
        List<IncidentRecord> text = new ArrayList<>();
        List<float[]> textV = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long id = 1 + r.nextInt(n);
            idx.get(id).ifPresent(rec -> {
                meta.add(rec.withResolution("replaced sensor"));
                metaV.add(idx.vector(id).orElseThrow());
            });
            long id2 = 1 + r.nextInt(n);
            idx.get(id2).ifPresent(rec -> {
                text.add(new IncidentRecord(id2, rec.deviceId(), rec.siteId(), rec.deviceType(), rec.category(),
                        rec.severity(), null, rec.timestampMs(), rec.text() + " (edited)"));
                textV.add(perturb(idx.vector(id2).orElseThrow(), r));
            });
        }
        t = System.nanoTime();
        idx.upsertAllWithVectors(meta, metaV);
        idx.upsertAllWithVectors(text, textV);
        m.put("update_1000_in_two_batches_s", IndexBench.round((System.nanoTime() - t) / 1e9));
        for (long id : deleted) {
            if (idx.get(id).isPresent()) {
                throw new IllegalStateException("deleted incident " + id + " still present");
            }
        }
        for (int i = 0; i < inserts.size(); i += 97) {
            long id = inserts.get(i).id();
            if (idx.search(vectors.get(i), 10, SearchFilter.NONE).stream().noneMatch(h -> h.incident().id() == id)) {
                throw new IllegalStateException("inserted incident " + id + " not found by its own vector");
            }
        }
        m.put("checked", "deleted ids absent; inserted ids found by their own vector");
        m.put("incidents_after", idx.size());
        m.put("pending_log_entries", idx.pendingLogEntries());
        IndexBench.gcHard();
        m.put("heap_mb_used_total_after_writes", IndexBench.round(IndexBench.usedHeap() / 1048576.0));
        return m;
    }

    private static float[] perturb(float[] v, Random r) {
        float[] out = new float[v.length];
        double n = 0;
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] + 0.1 / Math.sqrt(v.length) * r.nextGaussian());
            n += out[d] * out[d];
        }
        for (int d = 0; d < v.length; d++) {
            out[d] /= (float) Math.sqrt(n);
        }
        return out;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
