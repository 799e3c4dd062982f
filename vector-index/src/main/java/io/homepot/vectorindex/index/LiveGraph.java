package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.diversity.VamanaDiversityProvider;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The mutable JVector graph over an {@link OrdinalTable}. Inserts and searches may run
 * concurrently (JVector's builder supports it); {@link #cleanup()} must run exclusively.
 * Similarity is JVector's DOT_PRODUCT on unit vectors, i.e. {@code (1 + cos) / 2} in [0, 1].
 */
final class LiveGraph implements AutoCloseable {

    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private final OrdinalTable table;
    private final IndexOptions options;
    static final float OVERFLOW = 1.2f;
    static final float ALPHA = 1.2f;
    private final BuildScoreProvider bsp;
    /** Replaced once by {@link #load}, before the graph is used; volatile for safe publication. */
    private volatile GraphIndexBuilder builder;

    LiveGraph(OrdinalTable table, IndexOptions options) {
        this.table = table;
        this.options = options;
        this.bsp = BuildScoreProvider.randomAccessScoreProvider(table, SIMILARITY);
        this.builder = new GraphIndexBuilder(bsp, table.dimension(), options.maxDegree(),
                options.beamWidth(), OVERFLOW, ALPHA, true, false);
    }

    void add(int ord) {
        builder.addGraphNode(ord, table.getVector(ord));
    }

    void markDeleted(int ord) {
        builder.markNodeDeleted(ord);
    }

    /** Removes deleted nodes and repairs their neighbours; exclusive with searches and inserts. */
    void cleanup() {
        builder.cleanup();
    }

    /** Number of nodes in the graph (live ones after {@link #cleanup()}). */
    int size() {
        return builder.getGraph().size();
    }

    /** The current graph (read-only use, e.g. writing it to disk after {@link #cleanup()}). */
    io.github.jbellis.jvector.graph.ImmutableGraphIndex graph() {
        return builder.getGraph();
    }

    boolean containsNode(int ord) {
        return builder.getGraph().containsNode(ord);
    }

    /** Approximate top-{@code k} accepted ordinals by similarity (best first). */
    SearchResult.NodeScore[] search(float[] query, int k, Bits accept) {
        if (size() == 0) {
            return new SearchResult.NodeScore[0];
        }
        VectorFloat<?> q = VectorizationProvider.getInstance().getVectorTypeSupport().createFloatVector(query);
        DefaultSearchScoreProvider ssp = DefaultSearchScoreProvider.exact(q, SIMILARITY, table);
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            int ef = Math.max(k, options.searchBeam());
            return searcher.search(ssp, k, ef, 0f, 0f, accept).getNodes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact top-{@code k} of the accepted {@code ordinals}, scored like the graph ({@code (1 + dot) / 2}). */
    static SearchResult.NodeScore[] exactSearch(OrdinalTable table, Iterable<Integer> ordinals, float[] q, int k,
                                                Bits accept) {
        java.util.PriorityQueue<SearchResult.NodeScore> best =
                new java.util.PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
        VectorFloat<?> qv = VectorizationProvider.getInstance().getVectorTypeSupport().createFloatVector(q);
        for (int ord : ordinals) {
            if (!accept.get(ord)) {
                continue;
            }
            float score = SIMILARITY.compare(qv, table.getVector(ord));
            if (best.size() < k) {
                best.add(new SearchResult.NodeScore(ord, score));
            } else if (score > best.peek().score) {
                best.poll();
                best.add(new SearchResult.NodeScore(ord, score));
            }
        }
        SearchResult.NodeScore[] out = best.toArray(new SearchResult.NodeScore[0]);
        java.util.Arrays.sort(out, (a, b) -> Float.compare(b.score, a.score));
        return out;
    }

    /** Serialises the graph; requires a preceding {@link #cleanup()} without later mutations. */
    void save(DataOutput out) throws IOException {
        ((OnHeapGraphIndex) builder.getGraph()).save(out);
    }

    /**
     * Loads a graph saved by {@link #save}; the table must already hold every vector. Uses
     * {@link OnHeapGraphIndex#load}, which takes the saved edge scores as they are, instead of
     * {@code GraphIndexBuilder.load}, which recomputes a score per edge (the bulk of reopen time),
     * then wraps the loaded graph in a builder for further inserts and clean-ups.
     */
    void load(RandomAccessReader reader) throws IOException {
        OnHeapGraphIndex loaded = OnHeapGraphIndex.load(reader, table.dimension(), OVERFLOW,
                new VamanaDiversityProvider(bsp, ALPHA));
        GraphIndexBuilder old = builder;
        builder = new GraphIndexBuilder(bsp, table.dimension(), loaded, options.beamWidth(), OVERFLOW,
                ALPHA, false, io.github.jbellis.jvector.util.PhysicalCoreExecutor.pool(),
                java.util.concurrent.ForkJoinPool.commonPool());
        old.close();
    }

    long ramBytesUsed() {
        return builder.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
        builder.close();
    }
}
