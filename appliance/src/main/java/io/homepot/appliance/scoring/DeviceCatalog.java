package io.homepot.appliance.scoring;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;

/** Cache of {@link DeviceInfo} per device, reloaded after {@code ttlMillis} so threshold edits are picked up. */
final class DeviceCatalog {
    private record Entry(DeviceInfo info, long loadedAt) {
    }

    private final Stores stores;
    private final long ttlMillis;
    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    DeviceCatalog(Stores stores, long ttlMillis) {
        this.stores = stores;
        this.ttlMillis = ttlMillis;
    }

    /** The device, or empty when it was deleted. */
    Optional<DeviceInfo> get(long deviceId) {
        long now = System.currentTimeMillis();
        Entry e = cache.get(deviceId);
        if (e != null && now - e.loadedAt() < ttlMillis) {
            return Optional.of(e.info());
        }
        Optional<DeviceInfo> loaded = load(deviceId);
        loaded.ifPresentOrElse(i -> cache.put(deviceId, new Entry(i, now)), () -> cache.remove(deviceId));
        return loaded;
    }

    private Optional<DeviceInfo> load(long deviceId) {
        Optional<Device> d = stores.devices().get(deviceId);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Device dev = d.get();
        DeviceType type = stores.deviceTypes().get(dev.deviceTypeId()).orElse(null);
        ZoneId zone = stores.sites().get(dev.siteId()).map(DeviceCatalog::zone).orElse(ZoneOffset.UTC);
        Map<String, DeviceInfo.MetricInfo> metrics = new HashMap<>();
        if (type != null) {
            for (MetricDefinition m : type.metrics()) {
                Thresholds base = m.thresholds() == null ? Thresholds.NONE : m.thresholds();
                metrics.put(m.name(), new DeviceInfo.MetricInfo(m.unit(), base.overriddenBy(dev.thresholds().get(m.name()))));
            }
        }
        return Optional.of(new DeviceInfo(dev.id(), dev.siteId(), dev.name(), dev.location(), dev.typeCode(),
                type == null ? dev.typeCode() : type.name(), zone, metrics));
    }

    private static ZoneId zone(Site s) {
        try {
            return ZoneId.of(s.timezone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
