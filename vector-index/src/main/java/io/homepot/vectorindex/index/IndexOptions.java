package io.homepot.vectorindex.index;

/**
 * Tuning of an {@link IncidentIndex}.
 *
 * @param maxDegree         graph degree (JVector M)
 * @param beamWidth         construction beam width
 * @param searchBeam        search beam (candidates considered; recall vs latency)
 * @param fsyncEachWrite    fsync the change log before a write returns (durable acknowledgement)
 * @param autoSnapshotAfter take a snapshot once the change log holds this many entries (0 = never)
 * @param snapshotOnClose   take a snapshot on close when the log is not empty
 */
public record IndexOptions(int maxDegree, int beamWidth, int searchBeam, boolean fsyncEachWrite,
                           int autoSnapshotAfter, boolean snapshotOnClose) {

    public IndexOptions {
        if (maxDegree < 4 || beamWidth < maxDegree || searchBeam < 1 || autoSnapshotAfter < 0) {
            throw new IllegalArgumentException("invalid index options");
        }
    }

    /** M=16, beam 100, search beam 100, fsync every write, snapshot every 10 000 changes and on close. */
    public static IndexOptions defaults() {
        return new IndexOptions(16, 100, 100, true, 10_000, true);
    }

    public IndexOptions withSearchBeam(int n) {
        return new IndexOptions(maxDegree, beamWidth, n, fsyncEachWrite, autoSnapshotAfter, snapshotOnClose);
    }

    public IndexOptions withGraph(int degree, int beam) {
        return new IndexOptions(degree, beam, searchBeam, fsyncEachWrite, autoSnapshotAfter, snapshotOnClose);
    }

    public IndexOptions withFsync(boolean fsync) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsync, autoSnapshotAfter, snapshotOnClose);
    }

    public IndexOptions withAutoSnapshotAfter(int n) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, n, snapshotOnClose);
    }

    public IndexOptions withSnapshotOnClose(boolean b) {
        return new IndexOptions(maxDegree, beamWidth, searchBeam, fsyncEachWrite, autoSnapshotAfter, b);
    }
}
