package io.homepot.scoring.health;

/** Device status derived from the health score (limits in {@link HealthConfig}). */
public enum HealthStatus {
    HEALTHY, WARNING, CRITICAL;

    /** Lower-case label for APIs. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
