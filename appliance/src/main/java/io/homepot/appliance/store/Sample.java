package io.homepot.appliance.store;

import java.time.Instant;

/** One metric sample. */
public record Sample(long deviceId, String metric, Instant ts, double value) {
}
