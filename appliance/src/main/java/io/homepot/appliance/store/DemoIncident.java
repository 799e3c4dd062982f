package io.homepot.appliance.store;

import java.time.Instant;

/** One injected incident of the demo site: ground truth for anomaly-detection tests. */
public record DemoIncident(Long id, long siteId, long deviceId, String kind, String metric, Instant startsAt,
                           Instant endsAt, String description) {
}
