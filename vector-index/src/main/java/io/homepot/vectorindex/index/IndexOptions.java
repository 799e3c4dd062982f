package io.homepot.vectorindex.index;

/**
 * Tuning of an {@link IncidentIndex}.
 *
 * @param maxDegree         graph degree (JVector M)
 * @param beamWidth         construction beam width
 * @param searchBeam        search beam of the in-memory graph (candidates considered; recall vs latency)
 * @param fsyncEachWrite    fsync the change log before a write returns (durable acknowledgement)
 * @param autoSnapshotAfter take a snapshot once the change log holds this many entries (0 = never);
 *                          with a disk snapshot at least 5 % of its size, because such a snapshot
 *                          rebuilds the graph
 * @param snapshotOnClose   take a snapshot on close when the log is not empty
 * @param diskThreshold     from this many live incidents a snapshot is written in the disk format
 *                          (format 2: memory-mapped graph with full vectors, PQ codes on heap)
 *                          and searched from there; below it the heap format (1) is used.
 *                          {@link Integer#MAX_VALUE} = never. At least {@value #MIN_DISK_INCIDENTS}.
 * @param diskSearchBeam    candidates a search of the disk graph collects with PQ scores and
 *                          reranks with full vectors (recall vs latency)
 */
public record IndexOptions(int maxDegree, int beamWidth, int searchBeam, boolean fsyncEachWrite,
                           int autoSnapshotAfter, boolean snapshotOnClose, int diskThreshold,
                           int diskSearchBeam) {

    /** Smallest index written in the disk format (PQ training needs enough vectors). */
    public static final int MIN_DISK_INCIDENTS = 1024;
    /** Default {@link #diskThreshold()}. */
    public static final int DEFAULT_DISK_THRESHOLD = 200_000;
    /** Default {@link #diskSearchBeam()}: recall@10 0.97 at 1 M incidents in the benchmark. */
    public static final int DEFAULT_DISK_SEARCH_BEAM = 400;

    public IndexOptions {
        if (maxDegree < 4 || beamWidth < maxDegree || searchBeam < 1 || autoSnapshotAfter < 0
                || diskSearchBeam < 1) {
            throw new IllegalArgumentException("invalid index options");
        }
        diskThreshold = Math.max(MIN_DISK_INCIDENTS, diskThreshold);
    }

    /** The options before the disk format existed; disk threshold and beam at their defaults. */
    public IndexOptions(int maxDegree, int beamWidth, int searchBeam, boolean fsyncEachWrite,
                        int autoSnapshotAfter, boolean snapshotOnClose) {
        this(maxDegree, beamWidth, searchBeam, fsyncEachWrite, autoSnapshotAfter, snapshotOnClose,
                DEFAULT_DISK_THRESHOLD, DEFAULT_DISK_SEARCH_BEAM);
    }

    /**
     * M=16, beam 100, search beam 100, fsync every write, snapshot every 10 000 changes and on
     * close, disk format from 200 000 incidents with search beam 400.
     */
    public static IndexOptions defaults() {
        return new IndexOptions(16, 100, 100, true, 10_000, true);
    }

    public IndexOptions withSearchBeam(int n) {
        return new IndexOptions(maxDegree, beamWidth, n, fsyncEachWrite, autoSnapshotAfter, snapshotOnClose,
                diskThreshold, diskSearchBeam);
    }

    public IndexOptions withGraph(int degree, int beam) {
        return new IndexOptions(degree, beam, searchBeam, fsyncEachWrite, autoSnapshotAfter, snapshotOnClose,
                diskThreshold, diskSearchBeam);
    }

    public IndexOptions withFsync(boolean fsync) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsync, autoSnapshotAfter, snapshotOnClose,
                diskThreshold, diskSearchBeam);
    }

    public IndexOptions withAutoSnapshotAfter(int n) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, n, snapshotOnClose,
                diskThreshold, diskSearchBeam);
    }

    public IndexOptions withSnapshotOnClose(boolean b) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, autoSnapshotAfter, b,
                diskThreshold, diskSearchBeam);
    }

    /** Disk format from {@code n} live incidents on ({@link Integer#MAX_VALUE} = never). */
    public IndexOptions withDiskThreshold(int n) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, autoSnapshotAfter,
                snapshotOnClose, n, diskSearchBeam);
    }

    public IndexOptions withDiskSearchBeam(int n) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, autoSnapshotAfter,
                snapshotOnClose, diskThreshold, n);
    }
}
