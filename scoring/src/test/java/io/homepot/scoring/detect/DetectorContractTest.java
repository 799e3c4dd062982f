package io.homepot.scoring.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** No look-ahead, snapshot/restore, NaN semantics. */
class DetectorContractTest {

    private static Series withIncidents(long seed) {
        Series s = new Series(4 * Series.DAY, seed);
        s.v[2000] += 5;
        for (int i = 4000; i < 4300; i++) s.v[i] += 4;
        return s;
    }

    @Test
    void changingTheFutureDoesNotChangeThePast() {
        Series a = withIncidents(11);
        Series b = withIncidents(11);
        int cut = 3500;
        SplittableRandom r = new SplittableRandom(7);
        for (int i = cut + 1; i < b.v.length; i++) b.v[i] = r.nextDouble(-100, 100);
        DetectorResult[] ra = a.run(new StreamingDetector(DetectorConfig.defaults()));
        DetectorResult[] rb = b.run(new StreamingDetector(DetectorConfig.defaults()));
        for (int i = 0; i <= cut; i++) assertEquals(ra[i], rb[i], "result at " + i);
        boolean differs = false;
        for (int i = cut + 1; i < ra.length; i++) differs |= !ra[i].equals(rb[i]);
        assertTrue(differs, "sanity: the changed future must change later scores");
    }

    @Test
    void snapshotMidStreamThenRestoreGivesIdenticalResults() {
        Series s = withIncidents(12);
        DetectorResult[] straight = s.run(new StreamingDetector(DetectorConfig.defaults()));
        for (int cut : new int[] {0, 1, 59, 2001, 4100, 5000}) {
            StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
            for (int i = 0; i < cut; i++) d.update(s.t[i], s.v[i]);
            byte[] snap = d.snapshot();
            StreamingDetector restored = StreamingDetector.restore(snap);
            assertArrayEquals(snap, restored.snapshot(), "re-snapshot is byte-identical");
            for (int i = cut; i < s.v.length; i++) {
                assertEquals(straight[i], restored.update(s.t[i], s.v[i]), "cut " + cut + " point " + i);
            }
        }
    }

    @Test
    void snapshotHasMagicAndVersionAndRejectsGarbage() {
        byte[] snap = new StreamingDetector(DetectorConfig.defaults()).snapshot();
        assertEquals('H', snap[0]);
        assertEquals('P', snap[1]);
        assertEquals('S', snap[2]);
        assertEquals('D', snap[3]);
        assertEquals(DetectorState.VERSION, snap[7]);
        byte[] bad = snap.clone();
        bad[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> StreamingDetector.restore(bad));
        byte[] badVersion = snap.clone();
        badVersion[7] = 99;
        assertThrows(IllegalArgumentException.class, () -> StreamingDetector.restore(badVersion));
        assertThrows(IllegalArgumentException.class,
                () -> StreamingDetector.restore(java.util.Arrays.copyOf(snap, snap.length - 3)));
    }

    @Test
    void nanIsIgnoredByTheState() {
        Series s = withIncidents(13);
        StreamingDetector withNan = new StreamingDetector(DetectorConfig.defaults());
        StreamingDetector plain = new StreamingDetector(DetectorConfig.defaults());
        for (int i = 0; i < s.v.length; i++) {
            if (i % 50 == 0) {
                DetectorResult r = withNan.update(s.t[i] - 1, Double.NaN);
                assertEquals(0.0, r.score());
                assertEquals(AnomalyKind.DROPOUT, r.kind());
            }
            assertEquals(plain.update(s.t[i], s.v[i]), withNan.update(s.t[i], s.v[i]));
        }
    }

    @Test
    void scoresStayInUnitIntervalOnHostileInput() {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 7) {
                case 0 -> 1e300;
                case 1 -> -1e-300;
                case 2 -> 0.0;
                default -> r.nextDouble() < 0.5 ? 5.0 : r.nextGaussian() * 1e6;
            };
            DetectorResult res = d.update(1_000_000L + (i / 3) * 1000L, v);
            assertTrue(res.score() >= 0 && res.score() <= 1, "score " + res.score() + " at " + i);
        }
    }

    /**
     * Snapshots written by earlier detector versions (test resources written by that code: v1 before the
     * novelty/shape/recurrence state, v2 before the v3 alert range gate, v3 before the v4 drift corroboration and
     * saturation counters, v4 before the v5 seasonal corroboration and close time, v5 before the v6 weekly profile, v6
     * before the v7 routine-record gate) still load, keep scoring quietly and re-snapshot as the current version.
     */
    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void olderSnapshotStillLoads(int version) throws Exception {
        byte[] old;
        try (var in = DetectorContractTest.class.getResourceAsStream("snapshot-v" + version + ".bin")) {
            old = in.readAllBytes();
        }
        assertEquals(version, old[7]);
        StreamingDetector d = StreamingDetector.restore(old);
        assertEquals(3 * Series.DAY, d.pointsSeen());
        long history = version < 6 ? Long.MAX_VALUE : (3 * Series.DAY - 1) * Series.MIN;
        assertEquals(history, d.historyMillis(), "before v6 no first-point time: treated as long history");
        Series s = new Series(4 * Series.DAY, 1);
        int alerts = 0;
        for (int i = 3 * Series.DAY; i < s.v.length; i++) {
            DetectorResult r = d.update(s.t[i], s.v[i]);
            assertTrue(r.score() >= 0 && r.score() <= 1);
            if (r.alertStarted()) alerts++;
        }
        assertTrue(alerts <= 1, "alerts after restoring a v" + version + " snapshot: " + alerts);
        byte[] now = d.snapshot();
        assertEquals(7, DetectorState.VERSION);
        assertEquals(DetectorState.VERSION, now[7]);
        assertArrayEquals(now, StreamingDetector.restore(now).snapshot());
    }

    /** v6: the detector knows how much data time it has seen, and a snapshot keeps it. */
    @Test
    void historyIsTheDataTimeSinceTheFirstPointAndSurvivesASnapshot() {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        assertEquals(0, d.historyMillis());
        d.update(Series.T0, Double.NaN);                      // missing values do not start the history
        d.update(Series.T0 + Series.MIN, 20.0);
        assertEquals(0, d.historyMillis());
        for (int i = 2; i <= 90; i++) d.update(Series.T0 + i * Series.MIN, 20.0 + (i % 5) * 0.1);
        assertEquals(89 * Series.MIN, d.historyMillis());
        StreamingDetector back = StreamingDetector.restore(d.snapshot());
        assertEquals(89 * Series.MIN, back.historyMillis());
        back.update(Series.T0 + 100 * Series.MIN, 20.0);
        assertEquals(99 * Series.MIN, back.historyMillis());
    }
}
