package io.homepot.vectorindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.FileFormat;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentIndexTest {

    @TempDir
    Path dir;

    private final HashEmbedder embedder = new HashEmbedder();

    static IncidentRecord rec(long id, String site, String category, long ts, String text) {
        return new IncidentRecord(id, "dev-" + (id % 5), site, "fridge", category, "warning", null, ts, text);
    }

    static List<IncidentRecord> corpus(int n) {
        String[][] templates = {
            {"temperature", "temperature rising above threshold in cold room %d"},
            {"connectivity", "gateway %d lost network connection, link down"},
            {"power", "mains power failure, ups battery on site %d"},
            {"storage", "disk %d almost full, storage usage high"},
        };
        List<IncidentRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String[] t = templates[i % templates.length];
            out.add(rec(i, "site-" + (i % 3), t[0], 1_000L * i, String.format(t[1], i)));
        }
        return out;
    }

    @Test
    void addSearchUpdateDeleteAndFilters() throws IOException {
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null)) {
            idx.upsertAll(corpus(200));
            assertEquals(200, idx.size());
            List<SimilarIncident> hits = idx.search("cold room temperature rising", 5, SearchFilter.NONE);
            assertEquals(5, hits.size());
            hits.forEach(h -> assertEquals("temperature", h.incident().category()));
            for (int i = 1; i < hits.size(); i++) {
                assertTrue(hits.get(i - 1).similarity() >= hits.get(i).similarity());
            }
            hits.forEach(h -> assertTrue(h.similarity() >= 0 && h.similarity() <= 1));

            List<SimilarIncident> filtered = idx.search("cold room temperature rising", 10,
                    SearchFilter.NONE.site("site-1").category("power").between(50_000L, 150_000L));
            assertFalse(filtered.isEmpty());
            for (SimilarIncident h : filtered) {
                assertEquals("site-1", h.incident().siteId());
                assertEquals("power", h.incident().category());
                assertTrue(h.incident().timestampMs() >= 50_000 && h.incident().timestampMs() <= 150_000);
            }
            assertTrue(idx.search("x", 5, SearchFilter.NONE.device("nope")).isEmpty());

            // update: new text moves the incident
            idx.upsert(rec(4, "site-1", "mechanical", 4_000, "fan bearing noise vibration"));
            assertEquals(200, idx.size());
            assertEquals(4L, idx.search("fan bearing noise vibration", 1, SearchFilter.NONE).get(0).incident().id());
            // metadata-only update keeps it searchable with the new resolution
            idx.upsert(idx.get(4).orElseThrow().withResolution("replaced fan"));
            assertEquals("replaced fan", idx.search("fan bearing noise vibration", 1, SearchFilter.NONE)
                    .get(0).incident().resolution());

            assertTrue(idx.delete(4));
            assertFalse(idx.delete(4));
            assertEquals(199, idx.size());
            assertTrue(idx.search("fan bearing noise vibration", 10, SearchFilter.NONE).stream()
                    .noneMatch(h -> h.incident().id() == 4));
            List<SimilarIncident> sim = idx.similarTo(8, 3, SearchFilter.NONE);
            assertEquals(3, sim.size());
            assertTrue(sim.stream().noneMatch(h -> h.incident().id() == 8));
        }
    }

    @Test
    void roundTripThroughSnapshotAndLog() throws IOException {
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null,
                IndexOptions.defaults().withSnapshotOnClose(false))) {
            idx.upsertAll(corpus(150));
            idx.snapshot();
            idx.upsert(rec(1000, "site-9", "other", 5, "door left open alarm"));
            idx.delete(3);
            idx.upsert(rec(7, "site-1", "power", 7_000, "breaker tripped in plant room"));
        }
        assertTrue(Files.size(dir.resolve(FileFormat.LOG_FILE)) > 24, "changes stay in the log");
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null)) {
            assertEquals(150, idx.size());
            assertTrue(idx.get(3).isEmpty());
            assertEquals("breaker tripped in plant room", idx.get(7).orElseThrow().text());
            assertEquals(1000L, idx.search("door left open alarm", 1, SearchFilter.NONE).get(0).incident().id());
            for (IncidentRecord r : corpus(150)) {
                if (r.id() == 3 || r.id() == 7) {
                    continue;
                }
                assertEquals(r, idx.get(r.id()).orElseThrow());
            }
        }
        // closed with snapshotOnClose: log folded into the snapshot
        assertEquals(24, Files.size(dir.resolve(FileFormat.LOG_FILE)));
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null)) {
            assertEquals(150, idx.size());
            assertEquals(7L, idx.search("breaker tripped in plant room", 1, SearchFilter.NONE).get(0).incident().id());
        }
    }

    @Test
    void corruptSnapshotIsRebuiltFromSource() throws IOException {
        List<IncidentRecord> all = corpus(120);
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null)) {
            idx.upsertAll(all);
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(FileFormat.SNAPSHOT_FILE).toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, new ListSource(all))) {
            assertEquals(120, idx.size());
            assertEquals(all.get(10), idx.get(all.get(10).id()).orElseThrow());
        }
        assertTrue(Files.exists(dir.resolve(FileFormat.SNAPSHOT_FILE + ".corrupt")));
    }

    @Test
    void reconcilesAddsRemovalsAndMetadataAgainstSource() throws IOException {
        List<IncidentRecord> all = new ArrayList<>(corpus(100));
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null)) {
            idx.upsertAll(all.subList(0, 90));
            idx.upsert(rec(5000, "x", "other", 1, "stale incident deleted in db"));
        }
        all.set(0, all.get(0).withResolution("reset controller"));
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, new ListSource(all))) {
            assertEquals(100, idx.size());
            assertTrue(idx.get(5000).isEmpty());
            assertEquals("reset controller", idx.get(all.get(0).id()).orElseThrow().resolution());
            assertEquals(100, idx.maxId());
        }
    }

    @Test
    void searchesRunWhileWriting() throws Exception {
        try (IncidentIndex idx = IncidentIndex.open(dir, embedder, null,
                IndexOptions.defaults().withFsync(false))) {
            idx.upsertAll(corpus(100));
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> reader = pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        assertFalse(idx.search("gateway lost network", 5, SearchFilter.NONE).isEmpty());
                        n++;
                    }
                    return n;
                });
                List<IncidentRecord> more = corpus(600).subList(100, 600);
                for (int i = 0; i < more.size(); i += 50) {
                    idx.upsertAll(more.subList(i, i + 50));
                    if (i == 250) {
                        idx.snapshot();
                    }
                }
                stop.set(true);
                assertTrue(reader.get() > 0);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(600, idx.size());
        }
    }

    /** In-memory source of truth. */
    record ListSource(List<IncidentRecord> records) implements IncidentSource {
        @Override
        public long count() {
            return records.size();
        }

        @Override
        public long maxId() {
            return records.stream().mapToLong(IncidentRecord::id).max().orElse(0);
        }

        @Override
        public Iterable<IncidentRecord> all() {
            return records;
        }
    }
}
