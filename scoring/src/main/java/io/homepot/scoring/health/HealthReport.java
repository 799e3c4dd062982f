package io.homepot.scoring.health;

import java.util.List;

/**
 * Health of one device.
 *
 * @param score   in [0, 1], 1 = perfectly healthy
 * @param status  healthy / warning / critical from the configured limits
 * @param factors contributing factors, largest penalty first (empty when healthy with nothing to report)
 */
public record HealthReport(double score, HealthStatus status, List<Factor> factors) {
    public HealthReport {
        factors = List.copyOf(factors);
    }
}
