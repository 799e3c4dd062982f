package io.homepot.scoring.health;

import java.util.HashMap;
import java.util.Map;

/**
 * Threshold lookup: limits per (device type, metric), with per-(device, metric) overrides on top.
 * Not thread-safe for writes; build it once, then read from any thread.
 */
public final class ThresholdBook {
    private final Map<String, Thresholds> byType = new HashMap<>();
    private final Map<String, Thresholds> byDevice = new HashMap<>();

    /** Sets the limits of {@code metric} for every device of {@code deviceType}. */
    public ThresholdBook type(String deviceType, String metric, Thresholds t) {
        byType.put(deviceType + '\u0000' + metric, t);
        return this;
    }

    /** Overrides some limits of {@code metric} for one device (NaN limits keep the type's value). */
    public ThresholdBook override(String deviceId, String metric, Thresholds t) {
        byDevice.put(deviceId + '\u0000' + metric, t);
        return this;
    }

    /** Effective limits: the type's limits overridden by the device's; {@link Thresholds#NONE} if neither. */
    public Thresholds resolve(String deviceType, String deviceId, String metric) {
        Thresholds base = byType.getOrDefault(deviceType + '\u0000' + metric, Thresholds.NONE);
        return base.overriddenBy(byDevice.get(deviceId + '\u0000' + metric));
    }
}
