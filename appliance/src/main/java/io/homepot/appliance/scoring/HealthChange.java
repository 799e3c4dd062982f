package io.homepot.appliance.scoring;

import java.time.Instant;

/**
 * A device's health moved: its status changed, or its score moved by at least {@link DeviceHealth#SCORE_STEP}.
 *
 * @param previousStatus status before the change ({@code unknown} when never scored)
 * @param ts             data time of the assessment
 * @param replay         true when produced by scoring stored history
 */
public record HealthChange(long deviceId, long siteId, double healthScore, String status, String previousStatus,
                           Instant ts, boolean replay) {
}
