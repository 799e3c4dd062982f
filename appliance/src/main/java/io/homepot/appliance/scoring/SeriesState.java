package io.homepot.appliance.scoring;

import io.homepot.scoring.detect.DetectorConfig;
import io.homepot.scoring.detect.DetectorResult;
import io.homepot.scoring.detect.StreamingDetector;

/**
 * The detector of one series plus what health needs from it: the last value and a short EWMA of the absolute
 * deviation (so one noisy point does not move health). Mutated only by the engine's worker thread.
 */
final class SeriesState {
    /** Weight of the newest point in {@link #absDevEwma} (about a 5-point memory). */
    static final double DEV_ALPHA = 0.2;
    /** {@link #lastTs} of a series that has seen no point. */
    static final long NONE = Long.MIN_VALUE;

    final StreamingDetector detector;
    long lastTs;
    double lastValue;
    double absDevEwma;
    double lastScore;
    double lastExpected = Double.NaN;
    double lastDeviation;
    boolean alertOpen;

    SeriesState(StreamingDetector detector, long lastTs, double lastValue, double absDevEwma) {
        this.detector = detector;
        this.lastTs = lastTs;
        this.lastValue = lastValue;
        this.absDevEwma = absDevEwma;
    }

    static SeriesState fresh() {
        return new SeriesState(new StreamingDetector(DetectorConfig.defaults()), NONE, Double.NaN, 0.0);
    }

    /** Scores a point that is newer than {@link #lastTs}. */
    DetectorResult update(long ts, double value) {
        DetectorResult r = detector.update(ts, value);
        lastTs = ts;
        lastValue = value;
        lastScore = r.score();
        alertOpen = r.alert();
        lastExpected = r.expected();
        double dev = Double.isFinite(r.deviationSigma()) ? r.deviationSigma() : 0.0;
        lastDeviation = dev;
        absDevEwma += DEV_ALPHA * (Math.min(Math.abs(dev), 50.0) - absDevEwma);
        return r;
    }
}
