package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.homepot.vectorindex.embed.Embedder;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.AtomicFiles;
import io.homepot.vectorindex.store.ChangeLog;
import io.homepot.vectorindex.store.FileFormat;
import io.homepot.vectorindex.store.LogEntry;
import io.homepot.vectorindex.store.SnapshotFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent similarity index over incidents: a JVector graph of their embeddings plus their
 * metadata, stored as a snapshot and a change log in one directory ({@link FileFormat}).
 *
 * <p><b>Durability.</b> A write ({@link #upsert}, {@link #upsertAll}, {@link #delete}) returns
 * after its change-log entries are written and fsynced ({@link IndexOptions#fsyncEachWrite()}).
 * {@link #snapshot()} folds the log into a new snapshot (atomic replace). After a crash at any
 * instant {@link #open} restores every acknowledged write; if the files are unreadable it
 * rebuilds from the {@link IncidentSource}, and in any case reconciles against it, logging what it
 * did.
 *
 * <p><b>Concurrency.</b> Searches run concurrently with each other and with writes; writes are
 * serialised. Only the graph clean-up at the start of a snapshot briefly blocks searches.
 *
 * <p>Similarity is {@code (1 + cosine) / 2} in [0, 1]. Not a singleton: open one per directory.
 */
public final class IncidentIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentIndex.class);
    private static final int PARALLEL_THRESHOLD = 64;
    /**
     * Up to this many incidents a search scans all vectors exactly (≤ ≈ 0.3 ms) instead of walking
     * the graph: exact results for small sites, and immune to the rare unreachable outlier node
     * that an approximate graph can have after deletes and clean-ups on a tiny graph.
     */
    static final int EXACT_SEARCH_MAX = 2048;

    private final Path dir;
    private final Embedder embedder;
    private final IndexOptions options;
    private final OrdinalTable table;
    private final LiveGraph graph;
    private final Map<Long, Integer> ordinalById = new ConcurrentHashMap<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    private final List<Integer> deadSinceSnapshot = new ArrayList<>();
    private ChangeLog log;
    private long generation;
    private int nextOrdinal;
    private volatile long lastSnapshotMs;
    private volatile boolean closed;

    private IncidentIndex(Path dir, Embedder embedder, IndexOptions options) {
        this.dir = dir;
        this.embedder = embedder;
        this.options = options;
        this.table = new OrdinalTable(embedder.dimension());
        this.graph = new LiveGraph(table, options);
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
            moveAside(dir);
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

    private static void moveAside(Path dir) throws IOException {
        for (String name : List.of(FileFormat.SNAPSHOT_FILE, FileFormat.LOG_FILE)) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                Files.move(p, dir.resolve(name + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void load() throws IOException {
        if (SnapshotFile.exists(dir)) {
            long t0 = System.nanoTime();
            long[] graphNanos = new long[1];
            SnapshotFile.Header h = SnapshotFile.read(dir, embedder.dimension(), embedder.modelId(),
                    e -> {
                        table.put(e.ordinal(), e.record(), e.vector());
                        ordinalById.put(e.record().id(), e.ordinal());
                    },
                    reader -> {
                        long g0 = System.nanoTime();
                        graph.load(reader);
                        graphNanos[0] = System.nanoTime() - g0;
                    });
            LOG.debug("{}: snapshot read in {} ms, of which graph load {} ms", dir,
                    (System.nanoTime() - t0) / 1_000_000, graphNanos[0] / 1_000_000);
            generation = h.generation();
            nextOrdinal = h.ordinalBound();
            if (graph.size() != h.recordCount()) {
                throw new IOException("graph has " + graph.size() + " nodes, snapshot " + h.recordCount());
            }
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
            if (!ordinalById.containsKey(id)) {
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
            if (options.autoSnapshotAfter() > 0 && log.entries() >= options.autoSnapshotAfter()) {
                snapshot();
            }
        } finally {
            writer.unlock();
        }
    }

    /** Applies entries to table and graph; graph inserts of large batches run in parallel. */
    private void applyInMemory(List<LogEntry> entries) {
        structure.readLock().lock();
        try {
            List<Integer> added = new ArrayList<>();
            java.util.Set<Integer> addedSet = new java.util.HashSet<>();
            java.util.Set<Integer> killed = new java.util.LinkedHashSet<>();
            for (LogEntry e : entries) {
                switch (e) {
                    case LogEntry.Upsert u -> {
                        long id = u.record().id();
                        Integer old = ordinalById.get(id);
                        if (old != null && !addedSet.contains(old)
                                && Arrays.equals(table.vectorCopy(old), u.vector())) {
                            table.replaceRecord(old, u.record());
                            continue;
                        }
                        int ord = nextOrdinal++;
                        table.put(ord, u.record(), u.vector());
                        added.add(ord);
                        addedSet.add(ord);
                        ordinalById.put(id, ord);
                        if (old != null) {
                            table.kill(old);
                            killed.add(old);
                        }
                    }
                    case LogEntry.Delete d -> {
                        Integer old = ordinalById.remove(d.id());
                        if (old != null) {
                            table.kill(old);
                            killed.add(old);
                        }
                    }
                }
            }
            IntStream ords = added.stream().mapToInt(Integer::intValue);
            (added.size() >= PARALLEL_THRESHOLD ? ords.parallel() : ords).forEach(ord -> {
                if (table.record(ord) != null || killed.contains(ord)) {
                    graph.add(ord);
                }
            });
            for (int ord : killed) {
                if (graph.containsNode(ord)) {
                    graph.markDeleted(ord);
                }
                deadSinceSnapshot.add(ord);
            }
        } finally {
            structure.readLock().unlock();
        }
    }

    /**
     * Folds the change log into a new snapshot: graph clean-up, atomic snapshot replace, fresh
     * log of the next generation. Writes wait meanwhile; searches only during the clean-up.
     */
    public void snapshot() throws IOException {
        writer.lock();
        try {
            ensureOpen();
            long t0 = System.nanoTime();
            structure.writeLock().lock();
            try {
                graph.cleanup();
                for (int ord : deadSinceSnapshot) {
                    table.dropVector(ord);
                }
                deadSinceSnapshot.clear();
            } finally {
                structure.writeLock().unlock();
            }
            List<Integer> live = new ArrayList<>(ordinalById.values());
            live.sort(null);
            Iterable<SnapshotFile.Entry> entries = () -> new Iterator<>() {
                private final Iterator<Integer> it = live.iterator();

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public SnapshotFile.Entry next() {
                    int ord = it.next();
                    return new SnapshotFile.Entry(ord, table.record(ord), table.vectorCopy(ord));
                }
            };
            long next = generation + 1;
            SnapshotFile.write(dir, new SnapshotFile.Header(next, embedder.dimension(),
                    embedder.modelId(), live.size(), nextOrdinal), entries, graph::save);
            generation = next;
            log.reset(next);
            lastSnapshotMs = System.currentTimeMillis();
            LOG.info("{}: snapshot generation {} with {} incidents in {} ms", dir, next, live.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } finally {
            writer.unlock();
        }
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
        Integer ord = ordinalById.get(id);
        if (ord == null) {
            return List.of();
        }
        return search(table.vectorCopy(ord), k, filter, id);
    }

    private List<SimilarIncident> search(float[] vector, int k, SearchFilter filter, long excludeId) {
        ensureOpen();
        if (k <= 0) {
            return List.of();
        }
        SearchFilter f = filter == null ? SearchFilter.NONE : filter;
        Bits accept = ord -> {
            IncidentRecord r = table.record(ord);
            return r != null && r.id() != excludeId && f.matches(r);
        };
        structure.readLock().lock();
        try {
            SearchResult.NodeScore[] nodes = ordinalById.size() <= EXACT_SEARCH_MAX
                    ? exactSearch(vector, k, accept) : graph.search(vector, k, accept);
            List<SimilarIncident> out = new ArrayList<>(nodes.length);
            for (SearchResult.NodeScore ns : nodes) {
                IncidentRecord r = table.record(ns.node);
                if (r != null) {
                    out.add(new SimilarIncident(r, Math.max(0f, Math.min(1f, ns.score))));
                }
            }
            return out;
        } finally {
            structure.readLock().unlock();
        }
    }

    /** Exact top-k over the live incidents, scored like the graph (JVector DOT_PRODUCT: {@code (1 + dot) / 2}). */
    private SearchResult.NodeScore[] exactSearch(float[] q, int k, Bits accept) {
        java.util.PriorityQueue<SearchResult.NodeScore> best =
                new java.util.PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
        io.github.jbellis.jvector.vector.types.VectorFloat<?> qv = io.github.jbellis.jvector.vector.VectorizationProvider
                .getInstance().getVectorTypeSupport().createFloatVector(q);
        for (int ord : ordinalById.values()) {
            if (!accept.get(ord)) {
                continue;
            }
            io.github.jbellis.jvector.vector.types.VectorFloat<?> v = table.getVector(ord);
            if (v == null) {
                continue;
            }
            float score = LiveGraph.SIMILARITY.compare(qv, v);
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

    /** The stored incident with this id. */
    public Optional<IncidentRecord> get(long id) {
        Integer ord = ordinalById.get(id);
        return ord == null ? Optional.empty() : Optional.ofNullable(table.record(ord));
    }

    /** Stored vector of an incident (a copy). */
    public Optional<float[]> vector(long id) {
        Integer ord = ordinalById.get(id);
        return ord == null ? Optional.empty() : Optional.of(table.vectorCopy(ord));
    }

    /** Ids of all indexed incidents (a copy). */
    public List<Long> ids() {
        return new ArrayList<>(ordinalById.keySet());
    }

    /** Whether the incident is a node of the search graph (consistency checks). */
    boolean inGraph(long id) {
        Integer ord = ordinalById.get(id);
        return ord != null && graph.containsNode(ord);
    }

    public int size() {
        return ordinalById.size();
    }

    /** Highest indexed id, {@code 0} if empty. */
    public long maxId() {
        long m = 0;
        for (long id : ordinalById.keySet()) {
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

    /** Rough heap use of graph structure (vectors and records not included). */
    public long graphRamBytes() {
        return graph.ramBytesUsed();
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
        graph.close();
    }
}
