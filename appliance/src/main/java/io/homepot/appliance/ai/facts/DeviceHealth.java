package io.homepot.appliance.ai.facts;

import java.util.List;

/**
 * A device's computed health.
 *
 * @param score   0..1, or {@code null} when nothing is known yet
 * @param status  {@code healthy}, {@code warning}, {@code critical}, {@code offline} or {@code unknown}
 * @param factors contributing factors, largest penalty first
 * @param source  where it came from: {@code scoring} (the scoring engine's stored assessment) or
 *                {@code thresholds} (computed here from the period's statistics)
 */
public record DeviceHealth(Double score, String status, List<HealthFactor> factors, String source) {
    public DeviceHealth {
        factors = List.copyOf(factors);
    }

    /** Seed thresholds: healthy above 0.8, critical below 0.4. */
    public static String statusOf(double score) {
        return score > 0.8 ? "healthy" : score < 0.4 ? "critical" : "warning";
    }
}
