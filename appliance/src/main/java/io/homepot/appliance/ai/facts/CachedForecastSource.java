package io.homepot.appliance.ai.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.homepot.appliance.store.Device;

/**
 * Reuses each device's forecasts for {@code ttl} (forecasts are built on hourly means, which change once
 * an hour) so site-wide questions do not refit every series. {@link #warm} precomputes them in the
 * background. Entries are per device and horizon (the facts' predicted value, risk and level depend on it).
 */
public final class CachedForecastSource implements ForecastSource {
    private record Entry(List<ForecastFact> facts, Instant at) {
    }

    private final ForecastSource delegate;
    private final Duration ttl;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedForecastSource(ForecastSource delegate, Duration ttl) {
        this.delegate = delegate;
        this.ttl = ttl;
    }

    @Override
    public Map<Long, List<ForecastFact>> forecast(List<Device> devices, Map<Long, List<MetricStats>> stats, Instant now,
                                                  int horizonHours) {
        Map<Long, List<ForecastFact>> out = new HashMap<>();
        List<Device> missing = new ArrayList<>();
        for (Device d : devices) {
            Entry e = cache.get(key(d.id(), horizonHours));
            if (e != null && Duration.between(e.at(), now).abs().compareTo(ttl) < 0) {
                if (!e.facts().isEmpty()) {
                    out.put(d.id(), e.facts());
                }
            } else {
                missing.add(d);
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, List<ForecastFact>> fresh = delegate.forecast(missing, stats, now, horizonHours);
            for (Device d : missing) {
                List<ForecastFact> f = fresh.getOrDefault(d.id(), List.of());
                cache.put(key(d.id(), horizonHours), new Entry(f, now));
                if (!f.isEmpty()) {
                    out.put(d.id(), f);
                }
            }
        }
        return out;
    }

    /** Precomputes forecasts of {@code devices} (stats from {@code builder}) so requests find them cached. */
    public void warm(FactSheetBuilder builder, List<Device> devices, int horizonHours) {
        if (!devices.isEmpty()) {
            builder.build(new FactSheetBuilder.Scope(null, devices, TimeRange.last(Duration.ofHours(24), builder.now(), "24h"),
                    true, horizonHours, null, 0));
        }
    }

    public int size() {
        return cache.size();
    }

    private static String key(long deviceId, int horizonHours) {
        return deviceId + "|" + horizonHours;
    }
}
