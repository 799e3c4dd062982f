package io.homepot.appliance.scoring;

import java.time.Instant;

/**
 * The facts of one opened alert, captured at the point that opened it.
 *
 * @param expected  the detector's expected value (NaN in warm-up)
 * @param deviation signed deviation in robust sigmas
 * @param kind      detector kind label
 * @param health    the device's health right after the point
 * @param metrics   latest value of every metric of the device at that moment
 */
record AlertFact(long deviceId, String metric, Instant ts, double value, double expected, double deviation,
                 double score, String kind, DeviceHealth health, java.util.Map<String, Double> metrics) {
}
