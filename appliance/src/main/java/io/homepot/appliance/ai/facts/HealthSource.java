package io.homepot.appliance.ai.facts;

import java.time.Instant;
import java.util.List;

import io.homepot.appliance.store.Device;

/**
 * Supplies a device's computed health with its contributing factors. {@link StoredHealthSource} reads
 * the scoring engine's stored score ({@code devices.health_score}) and explains it from the period's
 * facts; the scoring wiring may provide a richer implementation (its own factor list).
 */
public interface HealthSource {

    /**
     * @param device    the device, with the stored status/score
     * @param stats     its metric statistics over the period
     * @param anomalies its anomalies and notable events over the period
     * @param now       evaluation time
     */
    DeviceHealth health(Device device, List<MetricStats> stats, List<AnomalyFact> anomalies, Instant now);
}
