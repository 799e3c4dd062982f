package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndexWriter;
import io.github.jbellis.jvector.graph.disk.OrdinalMapper;
import io.github.jbellis.jvector.graph.disk.feature.Feature;
import io.github.jbellis.jvector.graph.disk.feature.FeatureId;
import io.github.jbellis.jvector.graph.disk.feature.InlineVectors;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.github.jbellis.jvector.quantization.ProductQuantization;
import io.github.jbellis.jvector.util.PhysicalCoreExecutor;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.AtomicFiles;
import io.homepot.vectorindex.store.DiskSnapshotFile;
import io.homepot.vectorindex.store.FileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a version-2 snapshot: the live incidents of the base (if any) and of the in-memory
 * delta, merged in ascending id order. If there is no base, the delta's graph is written as it
 * is (renumbered); otherwise a new graph is built over all live vectors (base vectors read from
 * the mapped file, so the build needs heap for the graph only). Then PQ codes are trained and
 * encoded, the graph file is written (tmp, fsync, rename) and finally the snapshot file that
 * names it (atomic replace: the commit point). Caller holds the index's writer lock.
 */
final class DiskSnapshotWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSnapshotWriter.class);
    /** PQ: one subspace per 4 dimensions (96 bytes per 384-d vector), 256 centroids each. */
    private static final int DIMS_PER_SUBSPACE = 4;
    private static final int CLUSTERS = 256;

    private final Path dir;
    private final IndexOptions options;
    private final int dimension;
    private final String modelId;

    DiskSnapshotWriter(Path dir, IndexOptions options, int dimension, String modelId) {
        this.dir = dir;
        this.options = options;
        this.dimension = dimension;
        this.modelId = modelId;
    }

    /**
     * @param base      current base or {@code null}
     * @param table     delta vectors and records
     * @param delta     the delta graph, cleaned up (contains exactly {@code deltaLive})
     * @param deltaLive live delta ordinals sorted by ascending id
     */
    void write(long generation, BaseSegment base, OrdinalTable table, LiveGraph delta, List<Integer> deltaLive)
            throws IOException {
        long t0 = System.nanoTime();
        int[] src = mergeOrder(base, table, deltaLive);
        int n = src.length;
        BaseSegment.Vectors baseVectors = base == null ? null : base.vectors();
        try (AutoCloseable ignored = baseVectors) {
            RandomAccessVectorValues merged = new MergedVectors(src, baseVectors, table);
            ImmutableGraphIndex graph;
            OrdinalMapper mapper;
            IntFunction<VectorFloat<?>> vectorOfGraphOrdinal;
            GraphIndexBuilder builder = null;
            if (base == null || base.liveCount() == 0) {
                graph = delta.graph();
                int[] oldToNew = new int[Math.max(1, table.bound())];
                java.util.Arrays.fill(oldToNew, OrdinalMapper.OMITTED);
                for (int i = 0; i < n; i++) {
                    oldToNew[-src[i] - 1] = i;
                }
                mapper = new ArrayMapper(src, oldToNew);
                vectorOfGraphOrdinal = table::getVector;
            } else {
                builder = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(merged, LiveGraph.SIMILARITY),
                        dimension, options.maxDegree(), options.beamWidth(), LiveGraph.OVERFLOW, LiveGraph.ALPHA, true, false);
                GraphIndexBuilder b = builder;
                IntStream.range(0, n).parallel().forEach(i -> b.addGraphNode(i, merged.getVector(i)));
                builder.cleanup();
                graph = builder.getGraph();
                mapper = new OrdinalMapper.IdentityMapper(n - 1);
                vectorOfGraphOrdinal = merged::getVector;
                LOG.info("{}: graph of {} incidents rebuilt in {} ms", dir, n, (System.nanoTime() - t0) / 1_000_000);
            }
            String graphName = FileFormat.GRAPH_FILE_PREFIX + generation + FileFormat.GRAPH_FILE_SUFFIX;
            Path graphFile = dir.resolve(graphName);
            writeGraph(graph, mapper, vectorOfGraphOrdinal, graphFile);
            if (builder != null) {
                builder.close();
            }
            long t1 = System.nanoTime();
            int subspaces = Math.max(1, dimension / DIMS_PER_SUBSPACE);
            ProductQuantization pq = ProductQuantization.compute(merged, subspaces, CLUSTERS, false);
            PQVectors codes = (PQVectors) pq.encodeAll(merged, PhysicalCoreExecutor.pool());
            LOG.info("{}: PQ ({} subspaces) trained and {} vectors encoded in {} ms", dir, subspaces, n,
                    (System.nanoTime() - t1) / 1_000_000);
            Iterator<IncidentRecord> records = IntStream.range(0, n)
                    .mapToObj(i -> src[i] >= 0 ? base.record(src[i]) : table.record(-src[i] - 1)).iterator();
            DiskSnapshotFile.write(dir, new DiskSnapshotFile.Header(generation, dimension, modelId, n, graphName,
                    Files.size(graphFile), DiskSnapshotFile.crc32c(graphFile)), records,
                    out -> codes.write(out, OnDiskGraphIndex.CURRENT_VERSION));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** New ordinal → source: {@code b >= 0} base ordinal, {@code -(d + 1)} delta ordinal d; ascending ids. */
    private static int[] mergeOrder(BaseSegment base, OrdinalTable table, List<Integer> deltaLive) {
        int baseLive = base == null ? 0 : base.liveCount();
        int[] src = new int[baseLive + deltaLive.size()];
        int b = 0;
        int d = 0;
        int i = 0;
        int baseSize = base == null ? 0 : base.size();
        while (b < baseSize && !base.isLive(b)) {
            b++;
        }
        while (b < baseSize || d < deltaLive.size()) {
            boolean takeBase = d >= deltaLive.size()
                    || (b < baseSize && base.id(b) < table.record(deltaLive.get(d)).id());
            if (takeBase) {
                src[i++] = b++;
                while (b < baseSize && !base.isLive(b)) {
                    b++;
                }
            } else {
                src[i++] = -deltaLive.get(d++) - 1;
            }
        }
        if (i != src.length) {
            throw new IllegalStateException("merged " + i + " incidents, expected " + src.length);
        }
        return src;
    }

    private void writeGraph(ImmutableGraphIndex graph, OrdinalMapper mapper, IntFunction<VectorFloat<?>> vectors,
                            Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (OnDiskGraphIndexWriter w = new OnDiskGraphIndexWriter.Builder(graph, tmp).withMapper(mapper)
                .with(new InlineVectors(dimension)).build()) {
            w.write(Feature.singleStateFactory(FeatureId.INLINE_VECTORS,
                    ord -> new InlineVectors.State(vectors.apply(ord))));
        }
        DiskSnapshotFile.fsync(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(dir);
    }

    /** Renumbers delta graph ordinals (with holes) to the dense id-ordered ordinals. */
    private record ArrayMapper(int[] src, int[] oldToNewArray) implements OrdinalMapper {
        @Override
        public int maxOrdinal() {
            return src.length - 1;
        }

        @Override
        public int oldToNew(int old) {
            return old < oldToNewArray.length ? oldToNewArray[old] : OMITTED;
        }

        @Override
        public int newToOld(int ord) {
            return -src[ord] - 1;
        }
    }

    /** Vectors by new ordinal, from the base file or the delta table. Thread-safe for reads. */
    private record MergedVectors(int[] src, BaseSegment.Vectors base, OrdinalTable table)
            implements RandomAccessVectorValues {
        @Override
        public int size() {
            return src.length;
        }

        @Override
        public int dimension() {
            return table.dimension();
        }

        @Override
        public VectorFloat<?> getVector(int ord) {
            int s = src[ord];
            return s >= 0 ? base.getVector(s) : table.getVector(-s - 1);
        }

        @Override
        public boolean isValueShared() {
            return false;
        }

        @Override
        public RandomAccessVectorValues copy() {
            return this;
        }
    }
}
