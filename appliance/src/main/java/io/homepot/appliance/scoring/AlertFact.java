package io.homepot.appliance.scoring;

import java.time.Instant;

/**
 * The facts of one opened alert, captured at the point that opened it.
 *
 * @param expected  the detector's expected value (NaN in warm-up); for drift the usual daily level of the
 *                  previous week
 * @param deviation signed deviation in robust sigmas (drift: beyond the normal weekly range)
 * @param kind      detector kind label, or {@code threshold} / {@code drift}
 * @param health    the device's health right after the point
 * @param metrics   latest value of every metric of the device at that moment
 * @param trend     threshold and drift facts for the description ({@link Trend#NONE} for detector alerts)
 */
record AlertFact(long deviceId, String metric, Instant ts, double value, double expected, double deviation,
                 double score, String kind, DeviceHealth health, java.util.Map<String, Double> metrics, Trend trend) {

    AlertFact(long deviceId, String metric, Instant ts, double value, double expected, double deviation, double score,
              String kind, DeviceHealth health, java.util.Map<String, Double> metrics) {
        this(deviceId, metric, ts, value, expected, deviation, score, kind, health, metrics, Trend.NONE);
    }

    /**
     * Facts of a threshold or drift alert.
     *
     * @param source      which alerting produced it: {@code detector}, {@code threshold} or {@code drift}
     * @param limit       the threshold crossed (NaN: none)
     * @param limitLevel  "warning" or "critical" (null: none)
     * @param rangeLow    lower end of the normal weekly range of the daily level (NaN: unknown)
     * @param rangeHigh   upper end of it
     * @param slopePerDay change of the daily level per day over {@code trendDays} (NaN: unknown)
     * @param trendDays   days the slope was measured over
     * @param sigma       robust sigma of the weekly daily levels (NaN: unknown)
     */
    record Trend(String source, double limit, String limitLevel, double rangeLow, double rangeHigh, double slopePerDay,
                 double trendDays, double sigma) {
        static final Trend NONE = new Trend("detector", Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
    }
}
