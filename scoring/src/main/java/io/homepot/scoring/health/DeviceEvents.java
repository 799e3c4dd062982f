package io.homepot.scoring.health;

/**
 * Device events in the scoring window (e.g. the last 24 h).
 *
 * @param errors             error events reported by or about the device
 * @param connectivityLosses times the device lost its connection
 * @param offline            true if the device is offline right now
 */
public record DeviceEvents(int errors, int connectivityLosses, boolean offline) {
    /** No events. */
    public static final DeviceEvents NONE = new DeviceEvents(0, 0, false);
}
