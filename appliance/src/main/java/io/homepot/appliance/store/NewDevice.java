package io.homepot.appliance.store;

import java.util.List;
import java.util.Map;

/** The writable fields of a device (create and update). */
public record NewDevice(long siteId, long deviceTypeId, String name, String location, List<String> tags,
                        Map<String, Thresholds> thresholds, String status, boolean demo) {
    public NewDevice {
        tags = tags == null ? List.of() : List.copyOf(tags);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        status = status == null ? "unknown" : status;
    }
}
