package io.homepot.scoring.health;

/**
 * Weights and limits of the health formula (documented in docs/scoring.md). Can differ per device type.
 *
 * @param healthyAbove          score above this is HEALTHY
 * @param criticalBelow         score below this is CRITICAL (between the two: WARNING)
 * @param deviationFreeSigma    deviations up to this many sigma cost nothing
 * @param deviationFullSigma    deviation at which the deviation penalty reaches its maximum
 * @param deviationMaxPenalty   maximum penalty for one metric's deviation
 * @param warningPenalty        penalty for a metric beyond its warning limit
 * @param criticalPenalty       penalty for a metric beyond its critical limit
 * @param trendHorizonHours     forecast crossings within this horizon cost a trend penalty
 * @param trendMaxPenalty       trend penalty when the crossing is imminent
 * @param errorPenalty          penalty per error event
 * @param errorMaxPenalty       cap of the error penalty
 * @param connectivityPenalty   penalty per connectivity loss
 * @param connectivityMaxPenalty cap of the connectivity penalty
 * @param offlinePenalty        penalty while the device is offline
 */
public record HealthConfig(double healthyAbove, double criticalBelow, double deviationFreeSigma,
                           double deviationFullSigma, double deviationMaxPenalty, double warningPenalty,
                           double criticalPenalty, double trendHorizonHours, double trendMaxPenalty,
                           double errorPenalty, double errorMaxPenalty, double connectivityPenalty,
                           double connectivityMaxPenalty, double offlinePenalty) {

    /** Default weights, the same for all device types unless configured otherwise. */
    public static HealthConfig defaults() {
        return new HealthConfig(0.8, 0.4, 3.0, 8.0, 0.25, 0.25, 0.65, 24.0, 0.15,
                0.05, 0.25, 0.10, 0.30, 0.60);
    }

    public HealthConfig {
        if (!(criticalBelow >= 0 && criticalBelow <= healthyAbove && healthyAbove <= 1)) {
            throw new IllegalArgumentException("need 0 <= criticalBelow <= healthyAbove <= 1");
        }
        if (deviationFullSigma <= deviationFreeSigma || trendHorizonHours <= 0) {
            throw new IllegalArgumentException("invalid deviation/trend settings");
        }
    }

    /** Status for a score. */
    public HealthStatus statusOf(double score) {
        if (score > healthyAbove) return HealthStatus.HEALTHY;
        if (score < criticalBelow) return HealthStatus.CRITICAL;
        return HealthStatus.WARNING;
    }
}
