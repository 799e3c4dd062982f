package io.homepot.vectorindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.FileFormat;
import io.homepot.vectorindex.store.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk tier (snapshot format 2: memory-mapped graph, PQ traversal, rerank from disk) at a
 * small size with the threshold lowered: recall against exact search, deletes, updates, filters,
 * reopen with a replayed log, folding the delta into a new base, and shrinking back to format 1.
 */
class DiskTierTest {

    private static final int N = 5000;
    private static final int DIM = 384;

    @TempDir
    Path dir;

    private final HashEmbedder embedder = new HashEmbedder();
    private final Random random = new Random(4);
    private final float[][] centres = new float[60][];
    /** The expected state: id → (record, vector). */
    private final Map<Long, IncidentRecord> records = new HashMap<>();
    private final Map<Long, float[]> vectors = new HashMap<>();

    private IndexOptions options() {
        return IndexOptions.defaults().withDiskThreshold(2000).withFsync(false).withAutoSnapshotAfter(0)
                .withSnapshotOnClose(false);
    }

    /** Clustered unit vectors: a centre plus noise, like recurring incidents. */
    private float[] vector() {
        float[] c = centres[random.nextInt(centres.length)];
        float[] v = new float[DIM];
        double n = 0;
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (c[d] + 0.35 / Math.sqrt(DIM) * random.nextGaussian());
            n += v[d] * v[d];
        }
        for (int d = 0; d < DIM; d++) {
            v[d] /= (float) Math.sqrt(n);
        }
        return v;
    }

    private IncidentRecord record(long id) {
        String[] cats = {"temperature", "power", "connectivity", "storage"};
        return new IncidentRecord(id, "dev-" + (id % 13), "site-" + (id % 4), "fridge", cats[(int) (id % 4)],
                "warning", null, 1_000L * id, "incident " + id);
    }

    private void put(IncidentIndex idx, List<IncidentRecord> rs) throws IOException {
        List<float[]> vs = new ArrayList<>();
        for (IncidentRecord r : rs) {
            float[] v = vector();
            vs.add(v);
            records.put(r.id(), r);
            vectors.put(r.id(), v);
        }
        idx.upsertAllWithVectors(rs, vs);
    }

    @Test
    void diskSnapshotSearchesWritesReopensAndFolds() throws IOException {
        for (int c = 0; c < centres.length; c++) {
            centres[c] = embedder.embed("centre " + c + " " + c * 7);
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null, options())) {
            List<IncidentRecord> all = new ArrayList<>();
            for (long id = 1; id <= N; id++) {
                all.add(record(id * 2)); // even ids, so later inserts can fall between
            }
            put(idx, all);
            idx.snapshot();
            assertEquals(FileFormat.SNAPSHOT_VERSION_DISK, SnapshotFile.version(dir));
            assertEquals(N, idx.diskResidentSize());
            assertEquals(1, graphFiles().size());
            checkEverything(idx, 0.95);

            // writes after the snapshot: deletes, text/vector updates, metadata-only updates, inserts
            for (long id = 2; id <= 400; id += 4) {
                assertTrue(idx.delete(id));
                records.remove(id);
                vectors.remove(id);
            }
            assertFalse(idx.delete(2));
            List<IncidentRecord> changed = new ArrayList<>();
            for (long id = 1002; id <= 1200; id += 2) {
                changed.add(new IncidentRecord(id, "dev-x", "site-9", "hvac", "mechanical", "critical", null,
                        id, "moved " + id));
            }
            put(idx, changed);
            List<IncidentRecord> meta = new ArrayList<>();
            List<float[]> metaVectors = new ArrayList<>();
            for (long id = 3000; id <= 3100; id += 2) {
                IncidentRecord r = records.get(id).withResolution("replaced fan");
                meta.add(r);
                metaVectors.add(vectors.get(id));
                records.put(id, r);
            }
            idx.upsertAllWithVectors(meta, metaVectors);
            List<IncidentRecord> fresh = new ArrayList<>();
            for (long id = 1; id <= 1201; id += 2) {
                fresh.add(record(id));
            }
            put(idx, fresh);
            checkEverything(idx, 0.95);
        }
        // reopen: base from disk, delta and tombstones from the replayed log
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null, options())) {
            assertEquals(N - 100 - 100 - 51, idx.diskResidentSize(), "base minus deleted and replaced");
            checkEverything(idx, 0.95);
            idx.snapshot(); // fold: rebuild the graph over base + delta
            assertEquals(records.size(), idx.diskResidentSize());
            assertEquals(1, graphFiles().size());
            checkEverything(idx, 0.95);
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null, options())) {
            checkEverything(idx, 0.95);
            List<Path> before = graphFiles();
            idx.snapshot(); // nothing changed since the disk snapshot: no rebuild, same files
            assertEquals(before, graphFiles());
            // shrink below the threshold: the next snapshot is a heap snapshot (format 1) again
            List<Long> ids = new ArrayList<>(records.keySet());
            ids.sort(null);
            for (long id : ids.subList(0, ids.size() - 1500)) {
                idx.delete(id);
                records.remove(id);
                vectors.remove(id);
            }
            checkEverything(idx, 0.95);
            idx.snapshot();
            assertEquals(FileFormat.SNAPSHOT_VERSION_HEAP, SnapshotFile.version(dir));
            assertEquals(0, idx.diskResidentSize());
            assertTrue(graphFiles().isEmpty());
            checkEverything(idx, 0.99);
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null, options())) {
            checkEverything(idx, 0.99);
        }
    }

    @Test
    void searchesRunWhileWritingAndFolding() throws Exception {
        for (int c = 0; c < centres.length; c++) {
            centres[c] = embedder.embed("centre " + c);
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null, options())) {
            List<IncidentRecord> first = new ArrayList<>();
            for (long id = 1; id <= 2500; id++) {
                first.add(record(id));
            }
            put(idx, first);
            idx.snapshot();
            assertEquals(2500, idx.diskResidentSize());
            float[] probe = vectors.get(1234L);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Callable<Integer> reader = () -> {
                    int n = 0;
                    while (!stop.get()) {
                        List<SimilarIncident> hits = idx.search(probe, 10, SearchFilter.NONE);
                        assertEquals(10, hits.size());
                        assertEquals(1234L, hits.get(0).incident().id());
                        assertFalse(idx.search(probe, 5, SearchFilter.NONE.site("site-2")).isEmpty());
                        n++;
                    }
                    return n;
                };
                java.util.concurrent.Future<Integer> r1 = pool.submit(reader);
                java.util.concurrent.Future<Integer> r2 = pool.submit(reader);
                for (long id = 2501; id <= 3000; id += 50) {
                    List<IncidentRecord> batch = new ArrayList<>();
                    for (long j = id; j < id + 50; j++) {
                        batch.add(record(j));
                    }
                    put(idx, batch);
                    assertTrue(idx.delete(id - 2000));
                    records.remove(id - 2000);
                    vectors.remove(id - 2000);
                }
                idx.snapshot(); // fold: new base swapped in while the readers search
                put(idx, List.of(record(5000)));
                stop.set(true);
                assertTrue(r1.get() > 0 && r2.get() > 0);
            } finally {
                pool.shutdownNow();
            }
            checkEverything(idx, 0.95);
        }
    }

    /** Contents, recall against exact search, deletes, filters and similarTo. */
    private void checkEverything(IncidentIndex idx, double minRecall) {
        assertEquals(records.size(), idx.size());
        assertEquals(new HashSet<>(records.keySet()), new HashSet<>(idx.ids()));
        assertEquals(records.keySet().stream().mapToLong(Long::longValue).max().orElse(0), idx.maxId());
        for (long id = 1; id <= 2 * N; id += 7) {
            assertEquals(records.get(id), idx.get(id).orElse(null), "record " + id);
            if (records.containsKey(id)) {
                assertTrue(java.util.Arrays.equals(vectors.get(id), idx.vector(id).orElseThrow()), "vector " + id);
            }
        }
        Random r = new Random(9);
        double recall = 0;
        double filteredRecall = 0;
        int queries = 60;
        for (int q = 0; q < queries; q++) {
            float[] query = vector();
            recall += overlap(exact(query, SearchFilter.NONE), idx.search(query, 10, SearchFilter.NONE));
            // selective filters are scanned exactly, broad ones walk the graph with an accept-predicate
            SearchFilter f = q % 2 == 0 ? SearchFilter.NONE.site("site-" + r.nextInt(4)).between(2_000L, 8_000_000L)
                    : SearchFilter.NONE.between(3_000L + r.nextInt(1000), null);
            List<SimilarIncident> hits = idx.search(query, 10, f);
            hits.forEach(h -> assertTrue(f.matches(h.incident()), "filter violated by " + h.incident()));
            filteredRecall += overlap(exact(query, f), hits);
        }
        assertTrue(recall / queries >= minRecall, "recall@10 " + recall / queries);
        assertTrue(filteredRecall / queries >= minRecall, "filtered recall@10 " + filteredRecall / queries);
        for (long id : List.of(2L, 6L, 398L)) { // deleted
            if (!records.containsKey(id)) {
                float[] v = vectors.getOrDefault(id, null);
                assertTrue(idx.get(id).isEmpty());
                if (v != null) {
                    assertTrue(idx.search(v, 10, SearchFilter.NONE).stream().noneMatch(h -> h.incident().id() == id));
                }
            }
        }
        long someId = records.keySet().stream().sorted().skip(records.size() / 2).findFirst().orElseThrow();
        List<SimilarIncident> top = idx.search(vectors.get(someId), 1, SearchFilter.NONE);
        assertEquals(someId, top.get(0).incident().id());
        assertEquals(records.get(someId), top.get(0).incident());
        List<SimilarIncident> sim = idx.similarTo(someId, 5, SearchFilter.NONE);
        assertEquals(5, sim.size());
        assertTrue(sim.stream().noneMatch(h -> h.incident().id() == someId));
        assertTrue(idx.search(vectors.get(someId), 5, SearchFilter.NONE.category("no-such")).isEmpty());
    }

    private Set<Long> exact(float[] q, SearchFilter f) {
        return records.values().stream().filter(f::matches)
                .sorted(Comparator.comparingDouble((IncidentRecord rec) -> -dot(q, vectors.get(rec.id()))))
                .limit(10).map(IncidentRecord::id).collect(java.util.stream.Collectors.toSet());
    }

    private static double overlap(Set<Long> truth, List<SimilarIncident> hits) {
        return truth.isEmpty() ? 1 : hits.stream().filter(h -> truth.contains(h.incident().id())).count()
                / (double) truth.size();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private List<Path> graphFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FileFormat.GRAPH_FILE_PREFIX)).toList();
        }
    }
}
