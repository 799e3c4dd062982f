package io.homepot.appliance.ai.facts;

/**
 * One reason a device's health score is below 1 (same shape as {@code GET /api/devices/{id}/health}).
 *
 * @param name        factor name, e.g. {@code temperature_threshold}
 * @param metric      metric concerned, or {@code null}
 * @param penalty     how much it lowered the score (0..1)
 * @param explanation plain-English explanation written by the appliance
 */
public record HealthFactor(String name, String metric, double penalty, String explanation) {
}
