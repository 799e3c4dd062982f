package io.homepot.appliance.scoring;

/** One scored series: a metric of a device. */
public record SeriesKey(long deviceId, String metric) {
}
