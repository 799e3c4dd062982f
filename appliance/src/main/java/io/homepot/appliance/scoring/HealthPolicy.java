package io.homepot.appliance.scoring;

/**
 * Status bands of the health score: healthy above {@code healthyAbove}, critical below {@code criticalBelow},
 * warning in between; events older than {@code eventWindowMinutes} (data time) no longer count.
 */
public record HealthPolicy(double healthyAbove, double criticalBelow, int eventWindowMinutes) {
    public HealthPolicy {
        if (!(criticalBelow >= 0 && criticalBelow < healthyAbove && healthyAbove <= 1)) {
            throw new IllegalArgumentException("need 0 <= criticalBelow < healthyAbove <= 1");
        }
    }

    public static HealthPolicy defaults() {
        return new HealthPolicy(0.8, 0.4, 60);
    }

    public String status(double score) {
        return score > healthyAbove ? "healthy" : score < criticalBelow ? "critical" : "warning";
    }
}
