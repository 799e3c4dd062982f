package io.homepot.appliance.scoring;

import io.homepot.scoring.detect.DetectorConfig;
import io.homepot.scoring.detect.DetectorResult;
import io.homepot.scoring.detect.StreamingDetector;
import io.homepot.scoring.drift.DriftMonitor;
import io.homepot.scoring.forecast.Forecast;
import io.homepot.scoring.forecast.Forecaster;
import io.homepot.scoring.health.Thresholds;

/**
 * The detector, drift monitor and threshold watch of one series plus what health needs from it: the last value and a short EWMA of the absolute
 * deviation (so one noisy point does not move health). Mutated only by the engine's worker thread.
 */
final class SeriesState {
    /** Weight of the newest point in {@link #absDevEwma} (about a 5-point memory). */
    static final double DEV_ALPHA = 0.2;
    /** {@link #lastTs} of a series that has seen no point. */
    static final long NONE = Long.MIN_VALUE;

    final StreamingDetector detector;
    /** Slow drift of the daily level against the previous week (persisted with the detector). */
    final DriftMonitor drift;
    /** Threshold excursions and the series' last alerts (persisted with the detector). */
    final ThresholdWatch threshold;
    /** Effective limits of the series, re-read from the device catalog now and then (not persisted). */
    Thresholds limits;
    long limitsLoadedAt = Long.MIN_VALUE;
    long lastTs;
    double lastValue;
    double absDevEwma;
    double lastScore;
    double lastExpected = Double.NaN;
    double lastDeviation;
    boolean alertOpen;
    /** Hourly means of the last 30 days for the health trend (not in the snapshot: re-seeded from the database). */
    final Forecaster forecaster = new Forecaster();
    boolean forecastSeeded = true;
    private long forecastHour = Long.MIN_VALUE;
    private double hoursToThreshold = Double.NaN;

    SeriesState(StreamingDetector detector, long lastTs, double lastValue, double absDevEwma) {
        this(detector, new DriftMonitor(), new ThresholdWatch(), lastTs, lastValue, absDevEwma);
    }

    SeriesState(StreamingDetector detector, DriftMonitor drift, ThresholdWatch threshold, long lastTs, double lastValue,
                double absDevEwma) {
        this.detector = detector;
        this.drift = drift;
        this.threshold = threshold;
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
        forecaster.add(ts, value);
        return r;
    }

    /** Feeds the drift monitor (after {@link #update}). */
    DriftMonitor.Result updateDrift(long ts, double value) {
        return drift.update(ts, value);
    }

    /** Forecast hours until the next warning/critical limit (NaN: none within 7 days); refitted once per data hour. */
    double hoursToThreshold(Thresholds limits, long atMillis) {
        long hour = Math.floorDiv(atMillis, 3_600_000L);
        if (hour != forecastHour) {
            forecastHour = hour;
            Forecast f = forecaster.forecast(24, limits);
            hoursToThreshold = f == null ? Double.NaN : minNaN(f.hoursToWarning(), f.hoursToCritical());
        }
        return hoursToThreshold;
    }

    private static double minNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }
}
