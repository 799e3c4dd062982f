package io.homepot.scoring.detect;

/** Short label for what the detector believes is going on at a point. */
public enum AnomalyKind {
    /** Nothing unusual. */
    NONE("none"),
    /** A short excursion away from the expected value. */
    SPIKE("spike"),
    /** The deviation persisted: the series moved to a new level. */
    LEVEL_SHIFT("level_shift"),
    /** The sensor repeats exactly the same value for far longer than it ever did before. */
    STUCK("stuck"),
    /** Slow departure from the learned daily profile. */
    DRIFT("drift"),
    /** Missing value (NaN) or a point arriving after a long gap. */
    DROPOUT("dropout");

    private final String label;

    AnomalyKind(String label) { this.label = label; }

    /** Lower-case label used in APIs and logs, e.g. {@code level_shift}. */
    public String label() { return label; }
}
