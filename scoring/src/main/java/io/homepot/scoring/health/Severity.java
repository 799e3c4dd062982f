package io.homepot.scoring.health;

/**
 * Severity of one anomaly: critical when a critical threshold is crossed or the value is at least 6 sigma away
 * from its usual value, warning for a warning threshold or at least 4 sigma, otherwise info.
 */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** Lower-case label for APIs. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * Classifies one anomaly.
     *
     * @param deviationSigma signed deviation from the expected value in robust sigmas (NaN if unknown)
     * @param level          which threshold band the value is in
     */
    public static Severity of(double deviationSigma, Thresholds.Level level) {
        double d = Double.isNaN(deviationSigma) ? 0.0 : Math.abs(deviationSigma);
        if (level == Thresholds.Level.CRITICAL || d >= 6.0) return CRITICAL;
        if (level == Thresholds.Level.WARNING || d >= 4.0) return WARNING;
        return INFO;
    }
}
