package io.homepot.scoring.forecast;

/**
 * Result of {@link Forecaster#forecast}.
 *
 * @param startMillis             start of the first forecast hour (UTC ms)
 * @param hourly                  expected hourly mean for the next {@code hourly.length} hours
 * @param lower                   lower edge of the band per hour
 * @param upper                   upper edge of the band per hour
 * @param slopePerHour            fitted linear trend (units per hour)
 * @param hoursToWarning          hours until the forecast first crosses a warning limit (NaN: no warning limit, or not within horizon;
 *                                0: already beyond it)
 * @param hoursToCritical         same for the critical limits
 * @param risk                    in [0, 1]: max over the next 24 h of P(critical) and 0.5 P(warning), Gaussian band
 * @param confidence              in [0, 1]: share of held-back recent hours that fell inside the band built without
 *                                them (Laplace-smoothed); the expected coverage of this forecast's band
 * @param trainingHours           hours of data the model was fitted on
 * @param heldBackHours           held-back hours the confidence was measured on; 0 = none yet, the confidence is the
 *                                band's nominal coverage (a prior, not a measurement)
 */
public record Forecast(long startMillis, double[] hourly, double[] lower, double[] upper, double slopePerHour,
                       double hoursToWarning, double hoursToCritical, double risk, double confidence,
                       int trainingHours, int heldBackHours) {
}
