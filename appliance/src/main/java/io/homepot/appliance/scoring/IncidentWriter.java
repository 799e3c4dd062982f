package io.homepot.appliance.scoring;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.homepot.appliance.store.AnomalyLog;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Incident;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Turns an opened alert into its {@code ai_incident_patterns} row (plain-English description built only from
 * computed facts, with what other devices of the site did within a few minutes) and its {@code ai_anomaly_logs} row.
 */
final class IncidentWriter {
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");
    private final Stores stores;
    private final ScoringQueries q;
    private final DeviceCatalog catalog;
    private final Duration window;

    IncidentWriter(Stores stores, ScoringQueries q, DeviceCatalog catalog, Duration correlationWindow) {
        this.stores = stores;
        this.q = q;
        this.catalog = catalog;
        this.window = correlationWindow;
    }

    /** What {@link #write} stored. */
    record Written(AnomalyNotice anomaly, Incident incident) {
    }

    /** Writes the incident and anomaly rows; empty when the device is gone or the alert was already written. */
    Optional<Written> write(AlertFact a, List<AlertFact> pass, boolean replay) {
        Optional<DeviceInfo> di = catalog.get(a.deviceId());
        if (di.isEmpty() || q.anomalyExists(a.deviceId(), a.metric(), a.ts())) {
            return Optional.empty();
        }
        DeviceInfo info = di.get();
        DeviceInfo.MetricInfo mi = info.metric(a.metric());
        String category = AnomalyClassifier.category(a.metric(), info.typeCode());
        String severity = severity(a, mi);
        String description = describe(a, info, correlations(a, info, pass));
        Incident inc = stores.incidents().insert(new Incident(null, a.deviceId(), description, category, severity, null,
                a.ts(), null));
        JsonObjectBuilder details = HealthJson.JSON.createObjectBuilder();
        putNum(details, "value", a.value());
        putNum(details, "expected", a.expected());
        putNum(details, "deviation_sigma", Math.round(a.deviation() * 100) / 100.0);
        details.add("kind", a.kind()).add("source", a.trend().source()).add("unit", mi.unit()).add("incident_id", inc.id())
                .add("description", description);
        AlertFact.Trend tr = a.trend();
        if (tr.limitLevel() != null) {
            putNum(details, "threshold", tr.limit());
            details.add("threshold_level", tr.limitLevel());
        }
        if (Double.isFinite(tr.rangeLow())) {
            putNum(details, "usual_range_low", tr.rangeLow());
            putNum(details, "usual_range_high", tr.rangeHigh());
        }
        if (Double.isFinite(tr.slopePerDay())) {
            putNum(details, "slope_per_day", tr.slopePerDay());
            putNum(details, "trend_days", tr.trendDays());
        }
        JsonObjectBuilder metrics = HealthJson.JSON.createObjectBuilder();
        a.metrics().forEach((k, v) -> putNum(metrics, k, v));
        AnomalyLog row = stores.anomalies().insert(new AnomalyLog(null, a.deviceId(), a.health().score(),
                a.health().status(), metrics.build().toString(), a.metric(), round(a.score()), severity, category,
                details.build().toString(), a.ts()));
        return Optional.of(new Written(new AnomalyNotice(row.id(), a.deviceId(), info.name(), info.siteId(), a.metric(),
                a.ts(), a.value(), Double.isFinite(a.expected()) ? a.expected() : null, a.deviation(), round(a.score()),
                severity, category, a.kind(), a.health().score(), a.health().status(), inc.id(), replay), inc));
    }

    /** "Temperature on Sensor R101 (server room) rose to 85.2 °C, 4.1σ above its usual 72 °C for 14:00; ...". */
    static String describe(AlertFact a, DeviceInfo info, List<String> correlations) {
        if ("threshold".equals(a.trend().source())) {
            return describeThreshold(a, info, correlations);
        }
        if ("drift".equals(a.trend().source())) {
            return describeDrift(a, info, correlations);
        }
        DeviceInfo.MetricInfo mi = info.metric(a.metric());
        String m = Describe.metricName(a.metric());
        String v = Describe.num(a.value(), mi.unit());
        StringBuilder b = new StringBuilder(m).append(" on ").append(info.label());
        switch (a.kind()) {
            case "stuck" -> b.append(" is stuck at ").append(v)
                    .append(": the same reading has repeated far longer than ever before");
            case "dropout" -> b.append(" came back after a gap at ").append(v);
            default -> {
                boolean up = a.deviation() >= 0;
                boolean drift = "drift".equals(a.kind());
                b.append(drift ? (up ? " drifted up to " : " drifted down to ") : (up ? " rose to " : " fell to ")).append(v);
                if (Double.isFinite(a.expected())) {
                    LocalTime local = a.ts().atZone(info.zone()).toLocalTime();
                    LocalTime slot = LocalTime.of(local.getHour(), local.getMinute() < 30 ? 0 : 30);
                    b.append(", ").append(String.format(Locale.ROOT, "%.1f", Math.abs(a.deviation()))).append("σ ")
                            .append(up ? "above" : "below").append(" its usual ")
                            .append(Describe.num(a.expected(), mi.unit())).append(" for ").append(slot.format(HHMM));
                }
            }
        }
        threshold(b, a.value(), mi);
        for (String c : correlations) {
            b.append("; ").append(c);
        }
        return b.append('.').toString();
    }

    /** "Fan speed on HVAC-04 fell to 790 rpm, below its warning threshold of 800 rpm; it has fallen 23 rpm/day ...". */
    static String describeThreshold(AlertFact a, DeviceInfo info, List<String> correlations) {
        DeviceInfo.MetricInfo mi = info.metric(a.metric());
        AlertFact.Trend t = a.trend();
        boolean above = a.value() > t.limit();
        StringBuilder b = new StringBuilder(Describe.metricName(a.metric())).append(" on ").append(info.label())
                .append(above ? " rose to " : " fell to ").append(Describe.num(a.value(), mi.unit()))
                .append(above ? ", above its " : ", below its ").append(t.limitLevel()).append(" threshold of ")
                .append(Describe.num(t.limit(), mi.unit()));
        trend(b, t, above ? 1 : -1, mi.unit());
        for (String c : correlations) {
            b.append("; ").append(c);
        }
        return b.append('.').toString();
    }

    /**
     * "Temperature on Temp Sensor - Storage Room has drifted up: its daily level is 24.3 °C, usually 21.5 °C over the
     * previous week (range 21.2 to 21.8 °C), 3.1σ beyond that range; it has risen 0.55 °C/day over the last 7 days".
     */
    static String describeDrift(AlertFact a, DeviceInfo info, List<String> correlations) {
        DeviceInfo.MetricInfo mi = info.metric(a.metric());
        AlertFact.Trend t = a.trend();
        boolean up = a.deviation() >= 0;
        StringBuilder b = new StringBuilder(Describe.metricName(a.metric())).append(" on ").append(info.label())
                .append(up ? " has drifted up" : " has drifted down").append(": its daily level is ")
                .append(Describe.num(a.value(), mi.unit()));
        if (Double.isFinite(a.expected())) {
            b.append(", usually ").append(Describe.num(a.expected(), mi.unit())).append(" over the previous week (range ")
                    .append(Describe.fmt(t.rangeLow())).append(" to ").append(Describe.num(t.rangeHigh(), mi.unit()))
                    .append("), ").append(String.format(Locale.ROOT, "%.1f", Math.abs(a.deviation())))
                    .append("σ beyond that range");
        }
        threshold(b, a.value(), mi);
        trend(b, t, up ? 1 : -1, mi.unit());
        for (String c : correlations) {
            b.append("; ").append(c);
        }
        return b.append('.').toString();
    }

    /** "; it has fallen 23 rpm/day over the last 7 days" when the daily level moved that way by more than 2 sigma. */
    private static void trend(StringBuilder b, AlertFact.Trend t, int direction, String unit) {
        double s = t.slopePerDay();
        if (!Double.isFinite(s) || t.trendDays() < 1 || Math.signum(s) != direction
                || (Double.isFinite(t.sigma()) && Math.abs(s) * t.trendDays() <= 2 * t.sigma())) {
            return;
        }
        double days = Math.floor(t.trendDays());
        b.append("; it has ").append(s > 0 ? "risen " : "fallen ").append(Describe.num(Math.abs(s), unit)).append("/day over the last ")
                .append(days == 1 ? "day" : String.format(Locale.ROOT, "%.0f days", days));
    }

    /**
     * Threshold alerts: the level crossed; drift: warning (critical when the daily level is beyond a critical limit);
     * detector alerts: {@link AnomalyClassifier}.
     */
    static String severity(AlertFact a, DeviceInfo.MetricInfo mi) {
        String s = AnomalyClassifier.severity(a.value(), a.deviation(), mi.thresholds(), a.kind());
        return switch (a.trend().source()) {
            case "threshold" -> a.trend().limitLevel();
            case "drift" -> AnomalyClassifier.limits(mi.thresholds()).levelOf(a.value())
                    == io.homepot.scoring.health.Thresholds.Level.CRITICAL ? "critical" : "warning";
            default -> s;
        };
    }

    private static void threshold(StringBuilder b, double v, DeviceInfo.MetricInfo mi) {
        Thresholds t = mi.thresholds();
        if (t.critHigh() != null && v >= t.critHigh()) {
            b.append(", above its critical threshold ").append(Describe.num(t.critHigh(), mi.unit()));
        } else if (t.critLow() != null && v <= t.critLow()) {
            b.append(", below its critical threshold ").append(Describe.num(t.critLow(), mi.unit()));
        } else if (t.warnHigh() != null && v >= t.warnHigh()) {
            b.append(", above its warning threshold ").append(Describe.num(t.warnHigh(), mi.unit()));
        } else if (t.warnLow() != null && v <= t.warnLow()) {
            b.append(", below its warning threshold ").append(Describe.num(t.warnLow(), mi.unit()));
        }
    }

    private record Clause(long deviceId, long dtSeconds, boolean sameLocation, String text) {
    }

    /** What other devices of the site did within the correlation window (at most two devices, nearest first). */
    List<String> correlations(AlertFact a, DeviceInfo info, List<AlertFact> pass) {
        Instant from = a.ts().minus(window);
        Instant to = a.ts().plus(window);
        List<Clause> cs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Event e : q.siteEventsNear(info.siteId(), a.deviceId(), from, to)) {
            if (e.kind() != null && e.kind().toLowerCase(Locale.ROOT).contains("heartbeat")) {
                continue;
            }
            catalog.get(e.deviceId()).ifPresent(o -> cs.add(clause(a, info, o, e.ts(),
                    o.label() + " reported " + Describe.kind(e.kind()))));
        }
        for (AnomalyLog x : q.siteAnomaliesNear(info.siteId(), a.deviceId(), from, to)) {
            if (seen.add(x.deviceId() + "|" + x.metric() + "|" + x.createdAt())) {
                catalog.get(x.deviceId()).ifPresent(o -> cs.add(clause(a, info, o, x.createdAt(),
                        anomalyText(x.metric(), o, deviationOf(x.details())))));
            }
        }
        for (AlertFact p : pass) {
            if (p.deviceId() == a.deviceId() || p.ts().isBefore(from) || p.ts().isAfter(to)
                    || !seen.add(p.deviceId() + "|" + p.metric() + "|" + p.ts())) {
                continue;
            }
            catalog.get(p.deviceId()).filter(o -> o.siteId() == info.siteId())
                    .ifPresent(o -> cs.add(clause(a, info, o, p.ts(), anomalyText(p.metric(), o, p.deviation()))));
        }
        cs.sort(Comparator.comparing((Clause c) -> !c.sameLocation()).thenComparingLong(c -> Math.abs(c.dtSeconds())));
        List<String> out = new ArrayList<>();
        Set<Long> devices = new HashSet<>();
        for (Clause c : cs) {
            if (out.size() < 2 && devices.add(c.deviceId())) {
                out.add(c.text() + " " + Describe.offset(c.dtSeconds()));
            }
        }
        return out;
    }

    private static Clause clause(AlertFact a, DeviceInfo self, DeviceInfo other, Instant at, String text) {
        boolean same = self.location() != null && self.location().equalsIgnoreCase(other.location());
        return new Clause(other.id(), Duration.between(a.ts(), at).toSeconds(), same, text);
    }

    private static String anomalyText(String metric, DeviceInfo o, double deviation) {
        String dir = deviation > 0 ? " also rose" : deviation < 0 ? " also fell" : " was also anomalous";
        return Describe.metricNameInline(metric) + " on " + o.label() + dir;
    }

    private static double deviationOf(String details) {
        try {
            JsonObject o = HealthJson.JSON.createReader(new StringReader(details)).readObject();
            return o.containsKey("deviation_sigma") ? o.getJsonNumber("deviation_sigma").doubleValue() : 0.0;
        } catch (RuntimeException e) {
            return 0.0;
        }
    }

    static void putNum(JsonObjectBuilder b, String key, double v) {
        if (Double.isFinite(v)) {
            b.add(key, v);
        } else {
            b.addNull(key);
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
