package io.homepot.appliance.store;

import java.util.List;
import java.util.Optional;

/** A kind of device and the metrics it reports. {@code code} is the stable key used by the API. */
public record DeviceType(long id, String code, String name, String description, List<MetricDefinition> metrics) {
    public DeviceType {
        metrics = List.copyOf(metrics);
    }

    public Optional<MetricDefinition> metric(String metricName) {
        return metrics.stream().filter(m -> m.name().equals(metricName)).findFirst();
    }
}
