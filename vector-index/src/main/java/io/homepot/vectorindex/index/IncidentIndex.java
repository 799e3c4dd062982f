package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.homepot.vectorindex.embed.Embedder;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.AtomicFiles;
import io.homepot.vectorindex.store.ChangeLog;
import io.homepot.vectorindex.store.FileFormat;
import io.homepot.vectorindex.store.IndexDirectory;
import io.homepot.vectorindex.store.LogEntry;
import io.homepot.vectorindex.store.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent similarity index over incidents: a JVector graph of their embeddings plus their
 * metadata, stored as a snapshot and a change log in one directory ({@link FileFormat}).
 *
 * <p><b>Two tiers.</b> Small indexes live entirely on heap (snapshot format 1). From
 * {@link IndexOptions#diskThreshold()} live incidents a snapshot is written in format 2 and
 * becomes the <i>base</i>: a memory-mapped on-disk graph with full vectors inline, PQ codes and
 * filter columns on heap ({@link BaseSegment}). Incidents written since that snapshot live in
 * the in-memory <i>delta</i> graph; deletes and replacements of base incidents are tombstones.
 * A search queries both and merges; the next snapshot folds the delta into a new base.
 *
 * <p><b>Durability.</b> A write ({@link #upsert}, {@link #upsertAll}, {@link #delete}) returns
 * after its change-log entries are written and fsynced ({@link IndexOptions#fsyncEachWrite()}).
 * {@link #snapshot()} folds the log into a new snapshot (atomic replace). After a crash at any
 * instant {@link #open} restores every acknowledged write; if the files are unreadable it
 * rebuilds from the {@link IncidentSource}, and in any case reconciles against it, logging what it
 * did.
 *
 * <p><b>Concurrency.</b> Searches run concurrently with each other and with writes; writes are
 * serialised and wait for a running snapshot. Only the graph clean-up at the start of a
 * snapshot and the swap to a new disk base at its end briefly block searches.
 *
 * <p>Similarity is {@code (1 + cosine) / 2} in [0, 1]. Not a singleton: open one per directory.
 */
public final class IncidentIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentIndex.class);

    private final Path dir;
    private final Embedder embedder;
    private final IndexOptions options;
    /** Heap tier (all incidents while there is no base, else the delta); replaced by a disk snapshot. */
    private volatile HeapTier heap;
    /** Disk tier, or {@code null}; replaced only under the structure write lock. */
    private volatile BaseSegment base;
    private final ReentrantLock writer = new ReentrantLock();
    private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    private ChangeLog log;
    private long generation;
    private volatile long lastSnapshotMs;
    private volatile boolean closed;

    private IncidentIndex(Path dir, Embedder embedder, IndexOptions options) {
        this.dir = dir;
        this.embedder = embedder;
        this.options = options;
        this.heap = new HeapTier(embedder.dimension(), options);
    }

    /** {@link #open(Path, Embedder, IncidentSource, IndexOptions)} with default options. */
    public static IncidentIndex open(Path dir, Embedder embedder, IncidentSource source) throws IOException {
        return open(dir, embedder, source, IndexOptions.defaults());
    }

    /**
     * Opens (or creates) the index in {@code dir}: loads the snapshot, replays the change log,
     * then reconciles with {@code source} ({@code null} = trust the files). Unreadable files,
     * or files written with another model, are moved aside and the index is rebuilt from
     * {@code source}.
     */
    public static IncidentIndex open(Path dir, Embedder embedder, IncidentSource source,
                                     IndexOptions options) throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        int tmp = AtomicFiles.deleteTempFiles(dir);
        if (tmp > 0) {
            LOG.warn("{}: removed {} temporary file(s) of an interrupted write", dir, tmp);
        }
        IncidentIndex index = new IncidentIndex(dir, embedder, options);
        boolean rebuild = false;
        try {
            index.load();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: index files unreadable ({}); moving them aside and rebuilding from the "
                    + "source of truth", dir, e.toString());
            index.release();
            IndexDirectory.moveAside(dir);
            index = new IncidentIndex(dir, embedder, options);
            index.log = ChangeLog.open(dir, 0, embedder.dimension(), options.fsyncEachWrite(), e2 -> { });
            rebuild = true;
        }
        LOG.info("{}: opened {} incidents (generation {}, {} log entries replayed) in {} ms", dir,
                index.size(), index.generation, index.log.entries(), (System.nanoTime() - t0) / 1_000_000);
        if (source != null) {
            Reconciler.Result r = new Reconciler(index, embedder).reconcile(source, rebuild);
            if (r.changed() > 0 || rebuild) {
                index.snapshot();
            }
        } else if (rebuild) {
            LOG.warn("{}: no source of truth given, starting with an empty index", dir);
        }
        return index;
    }

    private void load() throws IOException {
        if (SnapshotFile.exists(dir) && SnapshotFile.version(dir) == FileFormat.SNAPSHOT_VERSION_DISK) {
            long t0 = System.nanoTime();
            base = BaseSegment.open(dir, embedder.dimension(), embedder.modelId(), true);
            generation = base.generation();
            LOG.debug("{}: disk snapshot of {} incidents opened in {} ms", dir, base.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } else if (SnapshotFile.exists(dir)) {
            long t0 = System.nanoTime();
            long[] graphNanos = new long[1];
            SnapshotFile.Header h = SnapshotFile.read(dir, embedder.dimension(), embedder.modelId(),
                    heap::load,
                    reader -> {
                        long g0 = System.nanoTime();
                        heap.loadGraph(reader);
                        graphNanos[0] = System.nanoTime() - g0;
                    });
            LOG.debug("{}: snapshot read in {} ms, of which graph load {} ms", dir,
                    (System.nanoTime() - t0) / 1_000_000, graphNanos[0] / 1_000_000);
            generation = h.generation();
            heap.setOrdinalBound(h.ordinalBound());
            if (heap.graphSize() != h.recordCount()) {
                throw new IOException("graph has " + heap.graphSize() + " nodes, snapshot " + h.recordCount());
            }
        }
        int orphans = IndexDirectory.deleteGraphFilesExcept(dir, base == null ? null : base.graphFileName());
        if (orphans > 0) {
            LOG.info("{}: deleted {} graph file(s) no snapshot refers to", dir, orphans);
        }
        List<LogEntry> replay = new ArrayList<>();
        log = ChangeLog.open(dir, generation, embedder.dimension(), options.fsyncEachWrite(), replay::add);
        applyInMemory(replay);
    }

    // ---------------------------------------------------------------- writes

    /** Embeds and stores one incident (insert or replace by id); durable when it returns. */
    public void upsert(IncidentRecord record) throws IOException {
        upsertAll(List.of(record));
    }

    /** Embeds (batched) and stores many incidents with one log fsync. */
    public void upsertAll(Collection<IncidentRecord> records) throws IOException {
        List<IncidentRecord> list = List.copyOf(records);
        List<float[]> vectors = embedder.embedAll(list.stream().map(IncidentRecord::text).toList());
        upsertAllWithVectors(list, vectors);
    }

    /** Stores incidents with precomputed unit vectors of {@link Embedder#dimension()} components. */
    public void upsertAllWithVectors(List<IncidentRecord> records, List<float[]> vectors) throws IOException {
        if (records.size() != vectors.size()) {
            throw new IllegalArgumentException("records and vectors differ in size");
        }
        List<LogEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (vectors.get(i).length != embedder.dimension()) {
                throw new IllegalArgumentException("vector dimension " + vectors.get(i).length);
            }
            entries.add(new LogEntry.Upsert(records.get(i), vectors.get(i)));
        }
        write(entries);
    }

    /** Removes an incident; returns whether it was indexed. Durable when it returns. */
    public boolean delete(long id) throws IOException {
        writer.lock();
        try {
            if (!contains(id)) {
                return false;
            }
            write(List.of(new LogEntry.Delete(id)));
            return true;
        } finally {
            writer.unlock();
        }
    }

    private void write(List<LogEntry> entries) throws IOException {
        writer.lock();
        try {
            ensureOpen();
            log.append(entries);
            applyInMemory(entries);
            BaseSegment b = base;
            long every = b == null ? options.autoSnapshotAfter()
                    : Math.max(options.autoSnapshotAfter(), b.size() / 20L);
            if (options.autoSnapshotAfter() > 0 && log.entries() >= every) {
                snapshot();
            }
        } finally {
            writer.unlock();
        }
    }

    /** Applies entries to the heap tier, tombstoning replaced or deleted disk-tier copies. */
    private void applyInMemory(List<LogEntry> entries) {
        structure.readLock().lock();
        try {
            heap.apply(entries, this::killInBase);
        } finally {
            structure.readLock().unlock();
        }
    }

    /** Tombstones the base copy of {@code id}, if any (it is being replaced or deleted). */
    private void killInBase(long id) {
        BaseSegment b = base;
        if (b != null) {
            int ord = b.liveOrdinalOf(id);
            if (ord >= 0) {
                b.kill(ord);
            }
        }
    }

    /**
     * Folds the change log into a new snapshot: graph clean-up, atomic snapshot replace, fresh
     * log of the next generation. Writes wait meanwhile; searches only during the clean-up and
     * the final swap. With {@link IndexOptions#diskThreshold()} or more live incidents the
     * snapshot is written in the disk format (a graph rebuild when a base exists already).
     */
    public void snapshot() throws IOException {
        writer.lock();
        try {
            ensureOpen();
            long t0 = System.nanoTime();
            structure.writeLock().lock();
            try {
                heap.cleanup();
            } finally {
                structure.writeLock().unlock();
            }
            if (size() >= options.diskThreshold()) {
                if (base != null && log.entries() == 0) {
                    return; // nothing since the disk snapshot: no delta, no tombstones, no rebuild
                }
                diskSnapshot(t0);
                return;
            }
            if (base != null) {
                absorbBase();
            }
            List<SnapshotFile.Entry> entries = heap.entries();
            long next = generation + 1;
            SnapshotFile.write(dir, new SnapshotFile.Header(next, embedder.dimension(),
                    embedder.modelId(), entries.size(), heap.ordinalBound()), entries, heap::saveGraph);
            generation = next;
            log.reset(next);
            IndexDirectory.deleteGraphFilesExcept(dir, null);
            lastSnapshotMs = System.currentTimeMillis();
            LOG.info("{}: snapshot generation {} with {} incidents in {} ms", dir, next, entries.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            writer.unlock();
        }
    }

    /** Writes a disk snapshot of base + delta, then makes it the base with an empty delta. */
    private void diskSnapshot(long t0) throws IOException {
        long next = generation + 1;
        new DiskSnapshotWriter(dir, options, embedder.dimension(), embedder.modelId())
                .write(next, base, heap.table(), heap.graph(), heap.liveOrdinalsById());
        generation = next;
        log.reset(next);
        BaseSegment fresh = BaseSegment.open(dir, embedder.dimension(), embedder.modelId(), false);
        BaseSegment oldBase;
        HeapTier oldHeap;
        structure.writeLock().lock();
        try {
            oldBase = base;
            oldHeap = heap;
            base = fresh;
            heap = new HeapTier(embedder.dimension(), options);
        } finally {
            structure.writeLock().unlock();
        }
        oldHeap.close();
        if (oldBase != null) {
            oldBase.close();
        }
        IndexDirectory.deleteGraphFilesExcept(dir, fresh.graphFileName());
        lastSnapshotMs = System.currentTimeMillis();
        LOG.info("{}: disk snapshot generation {} with {} incidents in {} ms", dir, next, fresh.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Moves the live base incidents into the heap tier (the index shrank below the disk
     * threshold) and drops the base; searches wait meanwhile.
     */
    private void absorbBase() throws IOException {
        structure.writeLock().lock();
        BaseSegment b = base;
        try {
            List<IncidentRecord> records = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int ord = 0; ord < b.size(); ord++) {
                if (b.isLive(ord)) {
                    records.add(b.record(ord));
                    vectors.add(b.vector(ord));
                }
            }
            heap.addAll(records, vectors);
            heap.cleanup();
            base = null;
        } finally {
            structure.writeLock().unlock();
        }
        b.close();
        LOG.info("{}: below the disk threshold, {} incidents moved to the heap tier", dir, heap.size());
    }

    // ---------------------------------------------------------------- reads

    /** Top-{@code k} incidents most similar to {@code text} that pass {@code filter}. */
    public List<SimilarIncident> search(String text, int k, SearchFilter filter) {
        return search(embedder.embed(text), k, filter);
    }

    /** Top-{@code k} incidents most similar to a unit {@code vector} that pass {@code filter}. */
    public List<SimilarIncident> search(float[] vector, int k, SearchFilter filter) {
        return search(vector, k, filter, Long.MIN_VALUE);
    }

    /** Incidents most similar to the stored incident {@code id} (excluding itself). */
    public List<SimilarIncident> similarTo(long id, int k, SearchFilter filter) {
        return vector(id).map(v -> search(v, k, filter, id)).orElse(List.of());
    }

    private List<SimilarIncident> search(float[] vector, int k, SearchFilter filter, long excludeId) {
        ensureOpen();
        if (k <= 0) {
            return List.of();
        }
        SearchFilter f = filter == null ? SearchFilter.NONE : filter;
        structure.readLock().lock();
        try {
            List<SimilarIncident> out = new ArrayList<>(heap.search(vector, k, f, excludeId));
            BaseSegment b = base;
            if (b != null && b.liveCount() > 0) {
                VectorFloat<?> q = VectorizationProvider.getInstance().getVectorTypeSupport().createFloatVector(vector);
                for (SearchResult.NodeScore ns : b.search(q, k, options.diskSearchBeam(), f, excludeId)) {
                    out.add(new SimilarIncident(b.record(ns.node), Math.max(0f, Math.min(1f, ns.score))));
                }
                out.sort((x, y) -> Float.compare(y.similarity(), x.similarity()));
                if (out.size() > k) {
                    out = new ArrayList<>(out.subList(0, k));
                }
            }
            return out;
        } finally {
            structure.readLock().unlock();
        }
    }

    /** The stored incident with this id. */
    public Optional<IncidentRecord> get(long id) {
        structure.readLock().lock();
        try {
            if (heap.contains(id)) {
                return Optional.ofNullable(heap.record(id));
            }
            BaseSegment b = base;
            int bo = b == null ? -1 : b.liveOrdinalOf(id);
            return bo < 0 ? Optional.empty() : Optional.of(b.record(bo));
        } finally {
            structure.readLock().unlock();
        }
    }

    /** Stored vector of an incident (a copy). */
    public Optional<float[]> vector(long id) {
        structure.readLock().lock();
        try {
            if (heap.contains(id)) {
                return Optional.ofNullable(heap.vector(id));
            }
            BaseSegment b = base;
            int bo = b == null ? -1 : b.liveOrdinalOf(id);
            return bo < 0 ? Optional.empty() : Optional.of(b.vector(bo));
        } finally {
            structure.readLock().unlock();
        }
    }

    private boolean contains(long id) {
        BaseSegment b = base;
        return heap.contains(id) || (b != null && b.liveOrdinalOf(id) >= 0);
    }

    /** Ids of all indexed incidents (a copy). */
    public List<Long> ids() {
        structure.readLock().lock();
        try {
            List<Long> out = new ArrayList<>(size());
            BaseSegment b = base;
            if (b != null) {
                for (int ord = 0; ord < b.size(); ord++) {
                    if (b.isLive(ord)) {
                        out.add(b.id(ord));
                    }
                }
            }
            out.addAll(heap.ids());
            return out;
        } finally {
            structure.readLock().unlock();
        }
    }

    /** Whether the incident is a node of a search graph, in memory or on disk (consistency checks). */
    boolean inGraph(long id) {
        structure.readLock().lock();
        try {
            if (heap.contains(id)) {
                return heap.inGraph(id);
            }
            BaseSegment b = base;
            return b != null && b.liveOrdinalOf(id) >= 0;
        } finally {
            structure.readLock().unlock();
        }
    }

    public int size() {
        BaseSegment b = base;
        return heap.size() + (b == null ? 0 : b.liveCount());
    }

    /** Incidents served from the disk snapshot (format 2); 0 while the index is heap-only. */
    public int diskResidentSize() {
        BaseSegment b = base;
        return b == null ? 0 : b.liveCount();
    }

    /** Highest indexed id, {@code 0} if empty. */
    public long maxId() {
        BaseSegment b = base;
        long m = b == null ? 0 : b.maxLiveId();
        for (long id : heap.ids()) {
            m = Math.max(m, id);
        }
        return m;
    }

    public int dimension() {
        return embedder.dimension();
    }

    public String modelId() {
        return embedder.modelId();
    }

    /** Epoch ms of the last snapshot taken by this process, 0 if none yet. */
    public long lastSnapshotMs() {
        return lastSnapshotMs;
    }

    /** Entries in the change log since the last snapshot. */
    public long pendingLogEntries() {
        return log.entries();
    }

    /**
     * Rough heap use of graph structure: the in-memory graph (vectors and records not included)
     * plus the disk tier's PQ codes, columns and tombstones.
     */
    public long graphRamBytes() {
        BaseSegment b = base;
        return heap.ramBytesUsed() + (b == null ? 0 : b.ramBytesUsed());
    }

    public Path directory() {
        return dir;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("index is closed");
        }
    }

    /** Snapshots if configured and the log is not empty, then releases files. Idempotent. */
    @Override
    public void close() throws IOException {
        writer.lock();
        try {
            if (closed) {
                return;
            }
            if (options.snapshotOnClose() && log != null && log.entries() > 0) {
                try {
                    snapshot();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: snapshot on close failed, the change log keeps the data", dir, e);
                }
            }
            release();
        } finally {
            writer.unlock();
        }
    }

    /** Closes files and graph without snapshotting (also used on a half-opened index). */
    private void release() throws IOException {
        closed = true;
        if (log != null) {
            log.close();
        }
        heap.close();
        if (base != null) {
            base.close();
        }
    }
}
