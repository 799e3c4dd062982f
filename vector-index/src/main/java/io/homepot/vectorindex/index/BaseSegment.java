package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.util.AtomicFixedBitSet;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.DiskRecords;
import io.homepot.vectorindex.store.DiskSnapshotFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The incidents of a version-2 snapshot: a memory-mapped JVector {@link OnDiskGraphIndex} with
 * inline full-precision vectors, PQ codes on heap for traversal, records and filter columns
 * from {@link DiskRecords}. Immutable except for tombstones: incidents deleted or replaced
 * since the snapshot are marked dead and skipped by searches and lookups. Searches traverse the
 * graph with PQ-approximate scores and rerank {@code searchBeam} candidates with the exact
 * vectors read from the file. Thread-safe; {@link #close()} only when no search can run.
 */
final class BaseSegment implements AutoCloseable {

    private final DiskSnapshotFile.Loaded snapshot;
    private final ReaderSupplier graphFile;
    private final OnDiskGraphIndex graph;
    private final DiskRecords records;
    private final PQVectors pq;
    private final AtomicFixedBitSet dead;
    private final AtomicInteger deadCount = new AtomicInteger();
    /** One searcher (with its view of the mapped file) per thread, reused: saves per-query set-up. */
    private final ConcurrentLinkedQueue<GraphSearcher> searchers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<GraphSearcher> searcher;

    private BaseSegment(DiskSnapshotFile.Loaded snapshot, ReaderSupplier graphFile, OnDiskGraphIndex graph) {
        this.snapshot = snapshot;
        this.graphFile = graphFile;
        this.graph = graph;
        this.records = snapshot.records();
        this.pq = snapshot.pq();
        this.dead = new AtomicFixedBitSet(Math.max(1, records.size()));
        this.searcher = ThreadLocal.withInitial(() -> {
            GraphSearcher gs = new GraphSearcher(graph);
            searchers.add(gs);
            return gs;
        });
    }

    /** Opens the version-2 snapshot in {@code dir} and the graph file it names. */
    static BaseSegment open(Path dir, int dimension, String modelId, boolean verifyGraph) throws IOException {
        DiskSnapshotFile.Loaded s = DiskSnapshotFile.read(dir, dimension, modelId, verifyGraph);
        ReaderSupplier rs = null;
        try {
            rs = ReaderSupplierFactory.open(dir.resolve(s.header().graphFile()));
            OnDiskGraphIndex g = OnDiskGraphIndex.load(rs);
            if (g.size() != s.records().size() || g.getDimension() != dimension) {
                g.close();
                throw new io.homepot.vectorindex.store.CorruptIndexException("graph has " + g.size()
                        + " nodes of dimension " + g.getDimension() + ", snapshot " + s.records().size());
            }
            return new BaseSegment(s, rs, g);
        } catch (IOException | RuntimeException e) {
            if (rs != null) {
                rs.close();
            }
            s.close();
            throw e;
        }
    }

    long generation() {
        return snapshot.header().generation();
    }

    String graphFileName() {
        return snapshot.header().graphFile();
    }

    /** Ordinals 0 .. size-1, dead ones included. */
    int size() {
        return records.size();
    }

    int liveCount() {
        return records.size() - deadCount.get();
    }

    /** Live ordinal of {@code id}, or {@code -1}. */
    int liveOrdinalOf(long id) {
        int ord = records.ordinalOf(id);
        return ord >= 0 && !dead.get(ord) ? ord : -1;
    }

    boolean isLive(int ord) {
        return !dead.get(ord);
    }

    /** Marks {@code ord} deleted (its id was deleted or replaced since the snapshot). */
    void kill(int ord) {
        if (!dead.getAndSet(ord)) {
            deadCount.incrementAndGet();
        }
    }

    long id(int ord) {
        return records.id(ord);
    }

    IncidentRecord record(int ord) {
        return records.record(ord);
    }

    /** Full-precision vector of {@code ord}, read from the mapped graph file. */
    float[] vector(int ord) {
        VectorFloat<?> v = vectorFloat(ord);
        float[] out = new float[v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private VectorFloat<?> vectorFloat(int ord) {
        try (OnDiskGraphIndex.View view = graph.getView()) {
            return view.getVector(ord);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Highest live id, 0 if none. */
    long maxLiveId() {
        for (int ord = records.size() - 1; ord >= 0; ord--) {
            if (!dead.get(ord)) {
                return records.id(ord);
            }
        }
        return 0;
    }

    /**
     * Top-{@code k} live ordinals passing {@code filter} (and not {@code excludeId}), scored
     * exactly after a PQ-guided traversal that reranks {@code beam} candidates.
     */
    SearchResult.NodeScore[] search(VectorFloat<?> query, int k, int beam, SearchFilter filter, long excludeId) {
        if (liveCount() == 0) {
            return new SearchResult.NodeScore[0];
        }
        DiskRecords.Matcher m = filter.isNone() ? null : records.matcher(filter.siteId(), filter.deviceId(),
                filter.category(), filter.fromMs(), filter.toMs());
        if (m != null) {
            int[] matches = matches(m, excludeId, exactLimit(beam));
            if (matches != null) {
                return exact(query, k, matches);
            }
        }
        Bits accept = deadCount.get() == 0 && m == null && excludeId == Long.MIN_VALUE ? Bits.ALL
                : ord -> !dead.get(ord) && (m == null || m.test(ord)) && records.id(ord) != excludeId;
        GraphSearcher gs = searcher.get();
        OnDiskGraphIndex.View view = (OnDiskGraphIndex.View) gs.getView();
        DefaultSearchScoreProvider ssp = new DefaultSearchScoreProvider(
                pq.precomputedScoreFunctionFor(query, LiveGraph.SIMILARITY),
                view.rerankerFor(query, LiveGraph.SIMILARITY));
        return gs.search(ssp, k, Math.max(k, beam), 0f, 0f, accept).getNodes();
    }

    /**
     * Up to how many filter matches an exact scan beats the filtered graph search: the graph
     * must visit about {@code beam / selectivity} nodes with cheap PQ scores, the scan reads and
     * scores every match in full; they cost the same near {@code sqrt(beam * n / 6)} matches.
     */
    private int exactLimit(int beam) {
        return (int) Math.max(2048, Math.sqrt(beam * (double) records.size() / 6));
    }

    /** Live ordinals passing {@code m}, or {@code null} once there are more than {@code limit}. */
    private int[] matches(DiskRecords.Matcher m, long excludeId, int limit) {
        int[] out = new int[64];
        int count = 0;
        for (int ord = 0; ord < records.size(); ord++) {
            if (m.test(ord) && !dead.get(ord) && records.id(ord) != excludeId) {
                if (count == limit) {
                    return null;
                }
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[count++] = ord;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Exact top-{@code k} of {@code ordinals} with the full vectors from the file. */
    private SearchResult.NodeScore[] exact(VectorFloat<?> query, int k, int[] ordinals) {
        java.util.PriorityQueue<SearchResult.NodeScore> best =
                new java.util.PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
        try (OnDiskGraphIndex.View view = graph.getView()) {
            for (int ord : ordinals) {
                float score = LiveGraph.SIMILARITY.compare(query, view.getVector(ord));
                if (best.size() < k) {
                    best.add(new SearchResult.NodeScore(ord, score));
                } else if (score > best.peek().score) {
                    best.poll();
                    best.add(new SearchResult.NodeScore(ord, score));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SearchResult.NodeScore[] out = best.toArray(new SearchResult.NodeScore[0]);
        java.util.Arrays.sort(out, (a, b) -> Float.compare(b.score, a.score));
        return out;
    }

    /** Heap held: PQ codes and codebooks, columns, tombstones (the graph and vectors are mapped). */
    long ramBytesUsed() {
        return pq.ramBytesUsed() + records.ramBytesUsed() + dead.ramBytesUsed() + graph.ramBytesUsed();
    }

    /**
     * The full-precision vectors by ordinal, for rebuilding the graph; each thread reads through
     * its own view of the mapped file. Close it after use.
     */
    Vectors vectors() {
        return new Vectors();
    }

    @Override
    public void close() throws IOException {
        try {
            for (GraphSearcher gs : searchers) {
                gs.close();
            }
            graph.close();
            graphFile.close();
        } finally {
            snapshot.close();
        }
    }

    /** Thread-safe {@link RandomAccessVectorValues} over the base's inline vectors. */
    final class Vectors implements RandomAccessVectorValues, AutoCloseable {
        private final ConcurrentLinkedQueue<OnDiskGraphIndex.View> views = new ConcurrentLinkedQueue<>();
        private final ThreadLocal<OnDiskGraphIndex.View> local = ThreadLocal.withInitial(() -> {
            OnDiskGraphIndex.View v = graph.getView();
            views.add(v);
            return v;
        });

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public int dimension() {
            return graph.getDimension();
        }

        @Override
        public VectorFloat<?> getVector(int ord) {
            return local.get().getVector(ord);
        }

        @Override
        public boolean isValueShared() {
            return false;
        }

        @Override
        public RandomAccessVectorValues copy() {
            return this;
        }

        @Override
        public void close() throws IOException {
            for (OnDiskGraphIndex.View v : views) {
                v.close();
            }
        }
    }
}
