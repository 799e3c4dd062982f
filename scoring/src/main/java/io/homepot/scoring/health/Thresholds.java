package io.homepot.scoring.health;

/**
 * Warning and critical limits of one metric. Any limit may be NaN (not set). A value is critical when it is above
 * {@code criticalHigh} or below {@code criticalLow}, else warning when above {@code warningHigh} or below
 * {@code warningLow}.
 */
public record Thresholds(double warningLow, double warningHigh, double criticalLow, double criticalHigh) {

    /** Which band a value falls in. */
    public enum Level { NORMAL, WARNING, CRITICAL }

    /** No limits at all. */
    public static final Thresholds NONE = new Thresholds(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Upper limits only (e.g. temperature, CPU). */
    public static Thresholds upper(double warningHigh, double criticalHigh) {
        return new Thresholds(Double.NaN, warningHigh, Double.NaN, criticalHigh);
    }

    /** Lower limits only (e.g. free disk, battery). */
    public static Thresholds lower(double warningLow, double criticalLow) {
        return new Thresholds(warningLow, Double.NaN, criticalLow, Double.NaN);
    }

    /** Band of {@code value}; NaN values are NORMAL (missing data is an event, not a threshold breach). */
    public Level levelOf(double value) {
        if (Double.isNaN(value)) return Level.NORMAL;
        if (value > criticalHigh || value < criticalLow) return Level.CRITICAL;
        if (value > warningHigh || value < warningLow) return Level.WARNING;
        return Level.NORMAL;
    }

    /** Per-device override: every limit set (not NaN) in {@code override} replaces this one. */
    public Thresholds overriddenBy(Thresholds override) {
        if (override == null) return this;
        return new Thresholds(pick(override.warningLow, warningLow), pick(override.warningHigh, warningHigh),
                pick(override.criticalLow, criticalLow), pick(override.criticalHigh, criticalHigh));
    }

    private static double pick(double a, double b) { return Double.isNaN(a) ? b : a; }
}
