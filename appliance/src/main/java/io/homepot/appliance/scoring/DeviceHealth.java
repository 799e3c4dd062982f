package io.homepot.appliance.scoring;

import java.time.Instant;
import java.util.List;

/**
 * A device's health assessment.
 *
 * @param score      in [0, 1], 1 = nothing wrong
 * @param status     healthy (score above {@code healthyAbove}), critical (below {@code criticalBelow}) or warning
 * @param computedAt data time of the newest input
 * @param factors    what lowered the score, largest penalty first
 */
public record DeviceHealth(double score, String status, Instant computedAt, List<Factor> factors) {
    /** A score move at least this large is published even without a status change. */
    public static final double SCORE_STEP = 0.05;

    public DeviceHealth {
        factors = List.copyOf(factors);
    }

    /**
     * One contributing factor.
     *
     * @param name        e.g. {@code temperature_threshold}, {@code temperature_deviation}, {@code events}
     * @param metric      the metric concerned, or null
     * @param penalty     how much it takes off the score
     * @param explanation plain-English reason with the numbers
     */
    public record Factor(String name, String metric, double penalty, String explanation) {
    }
}
