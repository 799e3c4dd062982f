package io.homepot.appliance.ai.facts;

/**
 * A computed forecast for one metric of one device over a horizon.
 *
 * @param current             latest observed value
 * @param predicted           expected value (daily peak for high-side risks, trough for low-side) at the horizon
 * @param direction           {@code rising}, {@code falling} or {@code stable}
 * @param threshold           the threshold the forecast approaches ({@code null} when none)
 * @param thresholdLevel      {@code warning} or {@code critical} ({@code null} when none)
 * @param timeToWarningHours  whole hours until the warning threshold is reached, {@code 0} if already there, {@code null} if not within 7 days or no warning level is set
 * @param timeToCriticalHours same for the critical threshold
 * @param riskScore           0..1
 * @param confidence          0..1
 * @param method              how it was computed, e.g. {@code daily_trend}
 */
public record ForecastFact(long deviceId, String metric, String unit, double current, double predicted, String direction,
                           Double threshold, String thresholdLevel, Double timeToWarningHours,
                           Double timeToCriticalHours, double riskScore, double confidence, int horizonHours,
                           String method) {
}
