package io.homepot.appliance.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Thresholds;

/**
 * Device health from the scored series and recent events (appliance-side rule set; see {@code docs/scoring.md}).
 *
 * <pre>
 * score = clamp(1 - sum(penalties), 0, 1)
 *   threshold  per metric: 0.50 beyond a critical threshold, else 0.25 beyond a warning threshold
 *   deviation  per metric: 0.35 * clamp((d - 3) / 5, 0, 1), d = EWMA(5 points) of |value - expected| in robust sigmas
 *   alert      per metric with an open detector alert: 0.10
 *   events     in the last eventWindowMinutes: connectivity loss 0.40 (once); other critical 0.20, warning 0.05 each;
 *              events total at most 0.50
 * </pre>
 */
final class HealthCalculator {
    private final HealthPolicy policy;

    HealthCalculator(HealthPolicy policy) {
        this.policy = policy;
    }

    HealthPolicy policy() {
        return policy;
    }

    DeviceHealth assess(DeviceInfo info, Map<String, SeriesState> series, List<Event> recentEvents, Instant at) {
        List<DeviceHealth.Factor> f = new ArrayList<>();
        for (Map.Entry<String, SeriesState> e : series.entrySet()) {
            String metric = e.getKey();
            SeriesState s = e.getValue();
            if (s.lastTs == SeriesState.NONE || !Double.isFinite(s.lastValue)) {
                continue;
            }
            DeviceInfo.MetricInfo mi = info.metric(metric);
            threshold(metric, s.lastValue, mi, f);
            double d = s.absDevEwma;
            if (d > 3) {
                double p = 0.35 * Math.min(1, (d - 3) / 5);
                f.add(new DeviceHealth.Factor(metric + "_deviation", metric, p, String.format(Locale.ROOT,
                        "%s %s is %.1fσ from its usual %s", Describe.metricName(metric), Describe.num(s.lastValue, mi.unit()),
                        d, Describe.num(s.lastExpected, mi.unit()))));
            }
            if (s.alertOpen) {
                f.add(new DeviceHealth.Factor(metric + "_anomaly", metric, 0.10,
                        Describe.metricName(metric) + " has an open anomaly alert"));
            }
        }
        events(recentEvents, at, f);
        f.sort(Comparator.comparingDouble(DeviceHealth.Factor::penalty).reversed());
        double score = 1.0;
        for (DeviceHealth.Factor x : f) {
            score -= x.penalty();
        }
        score = Math.max(0.0, Math.min(1.0, score));
        score = Math.round(score * 1000) / 1000.0;
        return new DeviceHealth(score, policy.status(score), at, f);
    }

    private static void threshold(String metric, double v, DeviceInfo.MetricInfo mi, List<DeviceHealth.Factor> f) {
        Thresholds t = mi.thresholds();
        String name = Describe.metricName(metric);
        if (t.critHigh() != null && v >= t.critHigh()) {
            f.add(limit(metric, 0.5, name, v, "above its critical threshold", t.critHigh(), mi.unit()));
        } else if (t.critLow() != null && v <= t.critLow()) {
            f.add(limit(metric, 0.5, name, v, "below its critical threshold", t.critLow(), mi.unit()));
        } else if (t.warnHigh() != null && v >= t.warnHigh()) {
            f.add(limit(metric, 0.25, name, v, "above its warning threshold", t.warnHigh(), mi.unit()));
        } else if (t.warnLow() != null && v <= t.warnLow()) {
            f.add(limit(metric, 0.25, name, v, "below its warning threshold", t.warnLow(), mi.unit()));
        }
    }

    private static DeviceHealth.Factor limit(String metric, double p, String name, double v, String what, double limit,
                                             String unit) {
        return new DeviceHealth.Factor(metric + "_threshold", metric, p,
                name + " " + Describe.num(v, unit) + " is " + what + " " + Describe.num(limit, unit));
    }

    private void events(List<Event> events, Instant at, List<DeviceHealth.Factor> f) {
        Instant from = at.minusSeconds(policy.eventWindowMinutes() * 60L);
        double total = 0;
        boolean conn = false;
        int crit = 0;
        int warn = 0;
        for (Event e : events) {
            if (e.ts().isBefore(from) || e.ts().isAfter(at)) {
                continue;
            }
            if (isConnectivityLoss(e.kind())) {
                conn = true;
            } else if ("critical".equalsIgnoreCase(e.severity())) {
                crit++;
            } else if ("warning".equalsIgnoreCase(e.severity())) {
                warn++;
            }
        }
        String window = "in the last " + policy.eventWindowMinutes() + " min";
        if (conn) {
            total = 0.4;
            f.add(new DeviceHealth.Factor("connectivity", null, 0.4, "connectivity was lost " + window));
        }
        if (crit + warn > 0) {
            double p = Math.min(0.5 - total, 0.2 * crit + 0.05 * warn);
            if (p > 0) {
                f.add(new DeviceHealth.Factor("events", null, p, crit + " critical and " + warn + " warning events " + window));
            }
        }
    }

    /** Kinds that mean the device dropped off the network. */
    static boolean isConnectivityLoss(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        return k.contains("offline") || k.contains("disconnect") || k.contains("connectivity_lost")
                || k.contains("connection_lost") || k.contains("unreachable") || k.equals("link_down");
    }
}
