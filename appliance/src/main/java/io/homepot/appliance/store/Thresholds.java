package io.homepot.appliance.store;

/** Warning/critical thresholds of one metric; any bound may be {@code null} (not checked). */
public record Thresholds(Double warnLow, Double warnHigh, Double critLow, Double critHigh) {
    public static final Thresholds NONE = new Thresholds(null, null, null, null);

    /** This thresholds with every non-null bound of {@code override} applied. */
    public Thresholds overriddenBy(Thresholds override) {
        if (override == null) {
            return this;
        }
        return new Thresholds(
                override.warnLow != null ? override.warnLow : warnLow,
                override.warnHigh != null ? override.warnHigh : warnHigh,
                override.critLow != null ? override.critLow : critLow,
                override.critHigh != null ? override.critHigh : critHigh);
    }
}
