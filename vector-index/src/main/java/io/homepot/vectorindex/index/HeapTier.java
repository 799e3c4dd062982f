package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.LogEntry;
import io.homepot.vectorindex.store.SnapshotFile;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * The in-memory tier of an {@link IncidentIndex}: records, heap vectors and a JVector graph. It
 * holds every incident while the index is below the disk threshold, and otherwise the delta of
 * incidents written since the disk snapshot. Mutations are serialised by the index's writer lock
 * and {@link #cleanup()} must run exclusively; lookups and searches run concurrently.
 */
final class HeapTier implements AutoCloseable {

    /**
     * Up to this many incidents (or filter matches) a search scores exactly (≤ ≈ 0.3 ms) instead
     * of walking the graph: exact results for small sites, immune to the rare unreachable outlier
     * node of a tiny graph after deletes and clean-ups, and no graph walk that finds too few
     * accepted nodes for a selective filter.
     */
    static final int EXACT_SEARCH_MAX = 2048;
    private static final int PARALLEL_THRESHOLD = 64;

    private final OrdinalTable table;
    private final LiveGraph graph;
    private final Map<Long, Integer> ordinalById = new ConcurrentHashMap<>();
    private final List<Integer> deadSinceCleanup = new ArrayList<>();
    private int nextOrdinal;

    HeapTier(int dimension, IndexOptions options) {
        this.table = new OrdinalTable(dimension);
        this.graph = new LiveGraph(table, options);
    }

    /** Format-1 snapshot loading: one stored incident. */
    void load(SnapshotFile.Entry e) {
        table.put(e.ordinal(), e.record(), e.vector());
        ordinalById.put(e.record().id(), e.ordinal());
    }

    /** Format-1 snapshot loading: the graph, after all entries. */
    void loadGraph(RandomAccessReader reader) throws IOException {
        graph.load(reader);
    }

    /** Format-1 snapshot loading: one past the highest ordinal used (from the header). */
    void setOrdinalBound(int bound) {
        nextOrdinal = bound;
    }

    /**
     * Applies log entries; graph inserts of large batches run in parallel. {@code elsewhere}
     * receives every upserted id and every deleted id this tier does not hold, so the caller can
     * tombstone a disk-tier copy.
     */
    void apply(List<LogEntry> entries, LongConsumer elsewhere) {
        List<Integer> added = new ArrayList<>();
        Set<Integer> addedSet = new HashSet<>();
        Set<Integer> killed = new LinkedHashSet<>();
        for (LogEntry e : entries) {
            switch (e) {
                case LogEntry.Upsert u -> {
                    long id = u.record().id();
                    Integer old = ordinalById.get(id);
                    elsewhere.accept(id);
                    if (old != null && !addedSet.contains(old) && Arrays.equals(table.vectorCopy(old), u.vector())) {
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
                    } else {
                        elsewhere.accept(d.id());
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
            deadSinceCleanup.add(ord);
        }
    }

    /** Adds incidents that are new to this tier (moving them from the disk tier). */
    void addAll(List<IncidentRecord> records, List<float[]> vectors) {
        List<Integer> added = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            int ord = nextOrdinal++;
            table.put(ord, records.get(i), vectors.get(i));
            ordinalById.put(records.get(i).id(), ord);
            added.add(ord);
        }
        IntStream ords = added.stream().mapToInt(Integer::intValue);
        (added.size() >= PARALLEL_THRESHOLD ? ords.parallel() : ords).forEach(graph::add);
    }

    /** Removes deleted nodes from the graph and frees their vectors; exclusive with all other use. */
    void cleanup() {
        graph.cleanup();
        for (int ord : deadSinceCleanup) {
            table.dropVector(ord);
        }
        deadSinceCleanup.clear();
    }

    /** Top-{@code k} accepted incidents by similarity. */
    List<SimilarIncident> search(float[] vector, int k, SearchFilter f, long excludeId) {
        if (ordinalById.isEmpty()) {
            return List.of();
        }
        Bits accept = ord -> {
            IncidentRecord r = table.record(ord);
            return r != null && r.id() != excludeId && f.matches(r);
        };
        SearchResult.NodeScore[] nodes;
        List<Integer> matching;
        if (ordinalById.size() <= EXACT_SEARCH_MAX) {
            nodes = LiveGraph.exactSearch(table, ordinalById.values(), vector, k, accept);
        } else if (!f.isNone() && (matching = filterMatches(accept)) != null) {
            nodes = LiveGraph.exactSearch(table, matching, vector, k, accept);
        } else {
            nodes = graph.search(vector, k, accept);
        }
        List<SimilarIncident> out = new ArrayList<>(nodes.length);
        for (SearchResult.NodeScore ns : nodes) {
            IncidentRecord r = table.record(ns.node);
            if (r != null) {
                out.add(new SimilarIncident(r, Math.max(0f, Math.min(1f, ns.score))));
            }
        }
        return out;
    }

    /** Ordinals passing a filter, or {@code null} when there are more than {@link #EXACT_SEARCH_MAX}. */
    private List<Integer> filterMatches(Bits accept) {
        List<Integer> out = new ArrayList<>();
        int bound = table.bound();
        for (int ord = 0; ord < bound; ord++) { // by ordinal: no map traversal, no boxing
            if (accept.get(ord)) {
                if (out.size() == EXACT_SEARCH_MAX) {
                    return null;
                }
                out.add(ord);
            }
        }
        return out;
    }

    boolean contains(long id) {
        return ordinalById.containsKey(id);
    }

    /** The record of {@code id}, or {@code null}. */
    IncidentRecord record(long id) {
        Integer ord = ordinalById.get(id);
        return ord == null ? null : table.record(ord);
    }

    /** A copy of the vector of {@code id}, or {@code null}. */
    float[] vector(long id) {
        Integer ord = ordinalById.get(id);
        return ord == null ? null : table.vectorCopy(ord);
    }

    boolean inGraph(long id) {
        Integer ord = ordinalById.get(id);
        return ord != null && graph.containsNode(ord);
    }

    int size() {
        return ordinalById.size();
    }

    Set<Long> ids() {
        return ordinalById.keySet();
    }

    int graphSize() {
        return graph.size();
    }

    /** The live incidents in ordinal order, for a format-1 snapshot (after {@link #cleanup()}). */
    List<SnapshotFile.Entry> entries() {
        List<Integer> live = new ArrayList<>(ordinalById.values());
        live.sort(null);
        return new java.util.AbstractList<>() {
            @Override
            public SnapshotFile.Entry get(int i) {
                int ord = live.get(i);
                return new SnapshotFile.Entry(ord, table.record(ord), table.vectorCopy(ord));
            }

            @Override
            public int size() {
                return live.size();
            }
        };
    }

    /** Live ordinals sorted by ascending id, for a disk snapshot. */
    List<Integer> liveOrdinalsById() {
        List<Integer> live = new ArrayList<>(ordinalById.values());
        live.sort((a, b) -> Long.compare(table.record(a).id(), table.record(b).id()));
        return live;
    }

    int ordinalBound() {
        return nextOrdinal;
    }

    OrdinalTable table() {
        return table;
    }

    LiveGraph graph() {
        return graph;
    }

    void saveGraph(DataOutput out) throws IOException {
        graph.save(out);
    }

    long ramBytesUsed() {
        return graph.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
        graph.close();
    }
}
