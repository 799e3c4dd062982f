package io.homepot.appliance.store;

import java.time.Instant;

/** One downsampling bucket starting at {@code ts}. */
public record SeriesBucket(Instant ts, double avg, double min, double max, long count) {
}
