package io.homepot.scoring.health;

/**
 * What the health scorer needs to know about one metric of a device.
 *
 * @param metric           metric name, e.g. {@code temperature}
 * @param value            latest value (NaN if none)
 * @param deviationSigma   latest deviation from the learned baseline in robust sigmas (detector output; NaN if unknown)
 * @param thresholds       effective limits for this device (see {@link ThresholdBook#resolve})
 * @param hoursToThreshold forecast hours until the next warning/critical limit is crossed (NaN if not approaching)
 */
public record MetricInput(String metric, double value, double deviationSigma, Thresholds thresholds,
                          double hoursToThreshold) {
    public MetricInput {
        if (thresholds == null) thresholds = Thresholds.NONE;
    }
}
