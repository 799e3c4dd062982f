package io.homepot.scoring.detect;

import java.util.SplittableRandom;

/** Synthetic test series: 1-minute sampling, daily cycle 20 +/- 5, Gaussian noise 0.3. */
final class Series {
    static final long T0 = 1_700_006_400_000L; // 2023-11-15 00:00 UTC
    static final long MIN = 60_000L;
    static final int DAY = 1440;

    final long[] t;
    final double[] v;

    Series(int minutes, long seed) {
        t = new long[minutes];
        v = new double[minutes];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < minutes; i++) {
            t[i] = T0 + i * MIN;
            v[i] = 20 + 5 * Math.sin(2 * Math.PI * i / DAY) + 0.3 * r.nextGaussian();
        }
    }

    DetectorResult[] run(StreamingDetector d) {
        DetectorResult[] out = new DetectorResult[v.length];
        for (int i = 0; i < v.length; i++) out[i] = d.update(t[i], v[i]);
        return out;
    }

    /** Runs a fresh default detector over {@code v}, one point a minute from {@link #T0}. */
    static DetectorResult[] runMinutes(double[] v) {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        DetectorResult[] out = new DetectorResult[v.length];
        for (int i = 0; i < v.length; i++) out[i] = d.update(T0 + i * MIN, v[i]);
        return out;
    }

    static int firstAlertFrom(DetectorResult[] r, int from) {
        for (int i = from; i < r.length; i++) if (r[i].alertStarted()) return i;
        return -1;
    }

    static int alertsBetween(DetectorResult[] r, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (r[i].alertStarted()) n++;
        return n;
    }
}
