package io.homepot.appliance.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A monitored device.
 *
 * @param thresholds per-metric overrides of the type's thresholds (only metrics that have overrides)
 * @param status     {@code unknown}, {@code healthy}, {@code warning}, {@code critical}, {@code offline}
 */
public record Device(long id, long siteId, long deviceTypeId, String typeCode, String name, String location,
                     List<String> tags, Map<String, Thresholds> thresholds, String status, Double healthScore,
                     Instant lastSeen, boolean demo, Instant createdAt) {
    public Device {
        tags = List.copyOf(tags);
        thresholds = Map.copyOf(thresholds);
    }
}
