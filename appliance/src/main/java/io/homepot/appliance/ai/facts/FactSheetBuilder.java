package io.homepot.appliance.ai.facts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;

/**
 * Computes the {@link Facts} for a scope (site, devices, window) from the store, the health source, the
 * forecaster and the similar-incident finder, with a fixed, small number of SQL statements whatever the
 * number of devices. Reused by every {@code /api/ai/*} endpoint and by reports: build the facts once,
 * then hand them to a {@link io.homepot.appliance.ai.narrate.Narrator} and/or turn them into the LLM's
 * fact sheet with {@link FactSheets}.
 */
public final class FactSheetBuilder {

    /** Uptime is computed when the scope has at most this many devices. */
    public static final int UPTIME_MAX_DEVICES = 3;
    /** Anomalies and notable events kept per device. */
    public static final int ANOMALIES_PER_DEVICE = 8;

    private final Stores stores;
    private final StatsDao dao;
    private final HealthSource health;
    private final ForecastSource forecaster;
    private final SimilarIncidents similar;
    private final Clock clock;

    public FactSheetBuilder(Stores stores, StatsDao dao, HealthSource health, ForecastSource forecaster,
                            SimilarIncidents similar, Clock clock) {
        this.stores = Objects.requireNonNull(stores);
        this.dao = Objects.requireNonNull(dao);
        this.health = Objects.requireNonNull(health);
        this.forecaster = Objects.requireNonNull(forecaster);
        this.similar = Objects.requireNonNull(similar);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * What to compute.
     *
     * @param site         site in scope (nullable)
     * @param devices      devices in scope, most relevant first
     * @param range        observation window
     * @param forecasts    compute forecasts over {@code horizonHours}
     * @param incidentText text to find similar past incidents for ({@code null}: built from the facts)
     * @param incidents    how many similar incidents (0 = none)
     */
    public record Scope(Site site, List<Device> devices, TimeRange range, boolean forecasts, int horizonHours,
                        String incidentText, int incidents) {
        public Scope {
            devices = List.copyOf(devices);
        }
    }

    public ForecastSource forecaster() {
        return forecaster;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Every device of a site, by id. */
    public List<Device> siteDevices(long siteId) {
        return stores.devices().list(new DeviceQuery(siteId, null, null, null, 100_000, 0)).items();
    }

    /** Device types by id (with metric definitions). */
    public Map<Long, DeviceType> deviceTypes() {
        Map<Long, DeviceType> m = new HashMap<>();
        stores.deviceTypes().list().forEach(t -> m.put(t.id(), t));
        return m;
    }

    /** Computes the facts of {@code scope}. */
    public Facts build(Scope scope) {
        return build(scope, deviceTypes(), scope.site() == null ? null : siteDevices(scope.site().id()), null);
    }

    /**
     * Computes the facts of {@code scope} with catalog data the caller has already loaded in this request.
     *
     * @param types       device types by id, as {@link #deviceTypes()} returns them
     * @param siteDevices every device of {@code scope.site()} as {@link #siteDevices} returns them, or {@code null}
     *                    to load them (ignored without a site)
     * @param dataVersion the {@link StatsDao#dataVersion()} read at the start of this request, or {@code null} to
     *                    read it
     */
    public Facts build(Scope scope, Map<Long, DeviceType> types, List<Device> siteDevices, String dataVersion) {
        Instant now = clock.instant();
        List<Device> devices = scope.devices();
        List<Long> ids = devices.stream().map(Device::id).toList();
        TimeRange r = scope.range();
        Map<Long, List<String>> series = new LinkedHashMap<>();
        Map<Long, String> primary = new LinkedHashMap<>();
        for (Device d : devices) {
            DeviceType t = types.get(d.deviceTypeId());
            List<String> names = t == null ? List.of() : t.metrics().stream().map(MetricDefinition::name).toList();
            series.put(d.id(), names);
            if (!names.isEmpty()) {
                primary.put(d.id(), names.getFirst());
            }
        }
        Map<Long, Device> byId = new HashMap<>();
        devices.forEach(d -> byId.put(d.id(), d));
        Map<Long, List<MetricStats>> stats = new HashMap<>();
        for (StatsDao.SeriesAgg a : dao.periodStats(series, r.from(), r.to(),
                dataVersion != null ? dataVersion : dao.dataVersion())) {
            Device d = byId.get(a.deviceId());
            stats.computeIfAbsent(a.deviceId(), k -> new ArrayList<>()).add(stat(a, d, types.get(d.deviceTypeId())));
        }
        // uptime needs a scan of every sample slot: computed for small scopes (device endpoints, reports) only
        Map<Long, Double> uptime = devices.size() <= UPTIME_MAX_DEVICES ? dao.uptime(primary, r.from(), r.to(), now)
                : Map.of();
        Map<Long, Long> anomalyCounts = dao.anomalyCounts(ids, r.from(), r.to());
        Map<Long, Long> eventCounts = dao.eventCounts(ids, r.from(), r.to());
        Map<Long, List<AnomalyFact>> anomalies = new HashMap<>();
        List<AnomalyFact> rows = new ArrayList<>(dao.anomalies(ids, r.from(), r.to(), 40 * Math.max(1, ids.size())));
        rows.addAll(dao.notableEvents(ids, r.from(), r.to(), 10 * Math.max(1, ids.size())));
        rows.sort(Comparator.comparing(AnomalyFact::at, Comparator.nullsLast(Comparator.reverseOrder())));
        for (AnomalyFact a : rows) {
            List<AnomalyFact> l = anomalies.computeIfAbsent(a.deviceId(), k -> new ArrayList<>());
            if (l.size() < ANOMALIES_PER_DEVICE) {
                l.add(a);
            }
        }
        Map<Long, List<ForecastFact>> forecasts = scope.forecasts()
                ? forecaster.forecast(devices, stats, now, scope.horizonHours()) : Map.of();
        List<DeviceFacts> out = new ArrayList<>();
        for (Device d : devices) {
            List<MetricStats> ms = stats.getOrDefault(d.id(), List.of());
            List<AnomalyFact> an = anomalies.getOrDefault(d.id(), List.of());
            DeviceType t = types.get(d.deviceTypeId());
            out.add(new DeviceFacts(d, t == null ? d.typeCode() : t.name(), health.health(d, ms, an, now), ms,
                    uptime.get(d.id()) == null ? null : Math.round(uptime.get(d.id()) * 10) / 10.0,
                    anomalyCounts.getOrDefault(d.id(), 0L), eventCounts.getOrDefault(d.id(), 0L), an,
                    forecasts.getOrDefault(d.id(), List.of())));
        }
        Map<Long, String> names = new LinkedHashMap<>();
        List<Device> all = scope.site() == null ? devices
                : siteDevices != null ? siteDevices : siteDevices(scope.site().id());
        all.forEach(d -> names.put(d.id(), d.name()));
        devices.forEach(d -> names.put(d.id(), d.name()));
        List<SimilarIncident> incidents = scope.incidents() <= 0 ? List.of() : similar(scope, out);
        return new Facts(scope.site(), r, out, incidents, summary(out, all, scope), names, now);
    }

    private List<SimilarIncident> similar(Scope scope, List<DeviceFacts> devices) {
        DeviceFacts focus = devices.stream().min(Comparator.comparing((DeviceFacts d) ->
                d.health().score() == null ? 1.0 : d.health().score())).orElse(null);
        String text = scope.incidentText();
        String category = null;
        if (focus != null) {
            AnomalyFact latest = focus.anomalies().stream().filter(a -> !a.isEvent()).findFirst().orElse(null);
            category = latest == null ? null : latest.category() != null ? latest.category() : latest.metric();
            if (text == null) {
                StringBuilder b = new StringBuilder(focus.typeName()).append(' ');
                focus.health().factors().forEach(f -> b.append(f.explanation()).append(". "));
                if (latest != null) {
                    b.append(latest.metric()).append(' ').append(latest.kind() == null ? "" : latest.kind());
                }
                text = b.toString();
            }
        }
        return similar.find(new SimilarIncidents.Query(text, devices.size() == 1 && focus != null ? focus.id() : null,
                focus == null ? null : focus.device().deviceTypeId(), category,
                scope.site() == null ? null : scope.site().id(), scope.incidents()));
    }

    private static Facts.SiteSummary summary(List<DeviceFacts> computed, List<Device> all, Scope scope) {
        Map<Long, DeviceHealth> byId = new HashMap<>();
        computed.forEach(d -> byId.put(d.id(), d.health()));
        int h = 0, w = 0, c = 0, o = 0, u = 0, n = 0;
        double sum = 0;
        for (Device d : all) {
            DeviceHealth dh = byId.get(d.id());
            String status = dh != null ? dh.status() : d.status();
            Double score = dh != null ? dh.score() : d.healthScore();
            switch (status == null ? "unknown" : status) {
                case "healthy" -> h++;
                case "warning" -> w++;
                case "critical" -> c++;
                case "offline" -> o++;
                default -> u++;
            }
            if (score != null) {
                sum += score;
                n++;
            }
        }
        return new Facts.SiteSummary(all.size(), h, w, c, o, u, n == 0 ? null : Math.round(sum / n * 1000) / 1000.0);
    }

    private static MetricStats stat(StatsDao.SeriesAgg a, Device d, DeviceType t) {
        MetricDefinition def = t == null ? null : t.metric(a.metric()).orElse(null);
        Thresholds base = def == null || def.thresholds() == null ? Thresholds.NONE : def.thresholds();
        Thresholds eff = base.overriddenBy(d.thresholds().get(a.metric()));
        return new MetricStats(a.deviceId(), a.metric(), def == null ? "" : def.unit(), round(a.avg()), round(a.min()),
                round(a.max()), round(a.last()), a.lastTs(), a.n(), eff, def == null ? null : def.normalMin(),
                def == null ? null : def.normalMax());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
