package io.homepot.scoring.classify;

/** What part of the physical world an anomaly is about. */
public enum PatternCategory {
    TEMPERATURE, HUMIDITY, CONNECTIVITY, POWER, PERFORMANCE, STORAGE, MECHANICAL, OTHER;

    /** Lower-case label for APIs. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
