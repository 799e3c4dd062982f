package io.homepot.appliance.ai.facts;

import java.time.Instant;

import io.homepot.appliance.store.Thresholds;

/**
 * Statistics of one metric of one device over a {@link TimeRange}, computed in SQL.
 *
 * @param unit       unit from the device type's metric definition ({@code ""} when unknown)
 * @param thresholds effective thresholds (type's, with the device's overrides applied)
 * @param normalMin  lower end of the normal range, or {@code null}
 * @param normalMax  upper end of the normal range, or {@code null}
 */
public record MetricStats(long deviceId, String metric, String unit, double avg, double min, double max, double last,
                          Instant lastTs, long samples, Thresholds thresholds, Double normalMin, Double normalMax) {

    /** {@code critical}, {@code warning} or {@code null} for a value against the thresholds. */
    public String level(double v) {
        Thresholds t = thresholds == null ? Thresholds.NONE : thresholds;
        if (t.critHigh() != null && v >= t.critHigh() || t.critLow() != null && v <= t.critLow()) {
            return "critical";
        }
        if (t.warnHigh() != null && v >= t.warnHigh() || t.warnLow() != null && v <= t.warnLow()) {
            return "warning";
        }
        return null;
    }

    /** True when the period's maximum reached the warning-high threshold (or, without one, left the normal range). */
    public boolean ranHigh() {
        Thresholds t = thresholds == null ? Thresholds.NONE : thresholds;
        if (t.warnHigh() != null) {
            return max >= t.warnHigh();
        }
        return normalMax != null && max > normalMax;
    }

    /** True when the period's minimum reached the warning-low threshold (or left the normal range). */
    public boolean ranLow() {
        Thresholds t = thresholds == null ? Thresholds.NONE : thresholds;
        if (t.warnLow() != null) {
            return min <= t.warnLow();
        }
        return normalMin != null && min < normalMin;
    }
}
