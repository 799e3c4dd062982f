package io.homepot.scoring.detect;

/**
 * Output of {@link StreamingDetector#update(long, double)} for one point.
 *
 * @param score          anomaly score in [0, 1]; high only around the onset of an anomaly
 * @param alert          true while an incident is open (hysteresis: one incident keeps one alert)
 * @param alertStarted   true only on the point that opened the incident (rising edge of {@code alert})
 * @param expected       value the detector expected (daily profile when learned, else recent level; at an edge of
 *                       the daily profile, a scheduled step, whichever of its bucket mean and interpolated value is
 *                       nearer the point); NaN in warm-up
 * @param deviationSigma signed deviation of the value from {@code expected}, in robust standard deviations
 * @param kind           what kind of anomaly this looks like ({@link AnomalyKind#NONE} when the score is low)
 */
public record DetectorResult(double score, boolean alert, boolean alertStarted, double expected,
                             double deviationSigma, AnomalyKind kind) {
}
