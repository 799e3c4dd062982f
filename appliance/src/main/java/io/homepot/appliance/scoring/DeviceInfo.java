package io.homepot.appliance.scoring;

import java.time.ZoneId;
import java.util.Map;

import io.homepot.appliance.store.Thresholds;

/**
 * What scoring needs to know about a device: names for descriptions, its site's time zone for "usual for 14:00",
 * and per metric the unit and the effective thresholds (device type's, with the device's overrides applied).
 */
public record DeviceInfo(long id, long siteId, String name, String location, String typeCode, String typeName,
                         ZoneId zone, Map<String, MetricInfo> metrics) {

    /** Unit and effective thresholds of one metric. */
    public record MetricInfo(String unit, Thresholds thresholds) {
    }

    public MetricInfo metric(String name) {
        MetricInfo m = metrics.get(name);
        return m != null ? m : new MetricInfo("", Thresholds.NONE);
    }

    /** "Sensor R101 (server room)", or just the name when it has no location or already names it. */
    public String label() {
        boolean redundant = location == null || location.isBlank()
                || name.toLowerCase(java.util.Locale.ROOT).contains(location.toLowerCase(java.util.Locale.ROOT));
        return redundant ? name : name + " (" + location + ")";
    }
}
