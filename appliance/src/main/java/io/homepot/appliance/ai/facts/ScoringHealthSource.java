package io.homepot.appliance.ai.facts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import io.homepot.appliance.store.Device;

/**
 * {@link HealthSource} backed by the scoring engine's live assessment ({@code ScoringEngine::health}):
 * its score, status and factors when it has assessed the device, else {@link StoredHealthSource}.
 */
public final class ScoringHealthSource implements HealthSource {
    private final LongFunction<Optional<io.homepot.appliance.scoring.DeviceHealth>> engine;
    private final HealthSource fallback = new StoredHealthSource();

    public ScoringHealthSource(LongFunction<Optional<io.homepot.appliance.scoring.DeviceHealth>> engine) {
        this.engine = engine;
    }

    @Override
    public DeviceHealth health(Device device, List<MetricStats> stats, List<AnomalyFact> anomalies, Instant now) {
        Optional<io.homepot.appliance.scoring.DeviceHealth> h = engine.apply(device.id());
        if (h.isEmpty()) {
            return fallback.health(device, stats, anomalies, now);
        }
        List<HealthFactor> factors = h.get().factors().stream()
                .map(f -> new HealthFactor(f.name(), f.metric(), f.penalty(), f.explanation())).toList();
        if (factors.isEmpty()) {
            factors = fallback.health(device, stats, anomalies, now).factors();
        }
        return new DeviceHealth(Math.round(h.get().score() * 1000) / 1000.0, h.get().status(), factors, "scoring");
    }
}
