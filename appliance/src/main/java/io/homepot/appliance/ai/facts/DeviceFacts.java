package io.homepot.appliance.ai.facts;

import java.util.List;

import io.homepot.appliance.store.Device;

/**
 * Everything computed about one device for one request.
 *
 * @param typeName      device type's display name
 * @param uptimePct     share of 5-minute slots with data in the period (0..100), or {@code null} without data
 * @param anomalyCount  anomaly-log rows in the period
 * @param eventCount    device events in the period
 * @param anomalies     the latest anomalies and notable events (capped)
 * @param forecasts     forecasts ({@code empty} unless requested)
 */
public record DeviceFacts(Device device, String typeName, DeviceHealth health, List<MetricStats> metrics,
                          Double uptimePct, long anomalyCount, long eventCount, List<AnomalyFact> anomalies,
                          List<ForecastFact> forecasts) {
    public DeviceFacts {
        metrics = List.copyOf(metrics);
        anomalies = List.copyOf(anomalies);
        forecasts = List.copyOf(forecasts);
    }

    public long id() {
        return device.id();
    }

    public String name() {
        return device.name();
    }

    /** Health status for display ({@code unknown} when not computed). */
    public String status() {
        return health.status();
    }

    public MetricStats metric(String name) {
        return metrics.stream().filter(m -> m.metric().equals(name)).findFirst().orElse(null);
    }

    /** Highest forecast risk, 0 when none. */
    public double maxRisk() {
        return forecasts.stream().mapToDouble(ForecastFact::riskScore).max().orElse(0);
    }
}
