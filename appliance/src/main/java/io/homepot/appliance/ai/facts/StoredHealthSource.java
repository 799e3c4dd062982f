package io.homepot.appliance.ai.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Thresholds;

/**
 * Default {@link HealthSource}. Factors are computed from facts: the latest value against the
 * warning/critical thresholds (penalty 0.25 / 0.5), a period peak that crossed a threshold but has
 * recovered (0.1), anomalies in the period (0.05 each, at most 0.3 per metric), and silence (no sample
 * for 15 minutes: 0.4). The score is the scoring engine's stored {@code health_score} when present
 * ({@code source = scoring}); otherwise {@code 1 - sum(penalties)} clamped to 0..1
 * ({@code source = thresholds}), with the seed's status bands.
 */
public final class StoredHealthSource implements HealthSource {

    /** A device silent for longer than this is reported as offline. */
    public static final Duration SILENCE = Duration.ofMinutes(15);

    @Override
    public DeviceHealth health(Device d, List<MetricStats> stats, List<AnomalyFact> anomalies, Instant now) {
        List<HealthFactor> factors = new ArrayList<>();
        for (MetricStats m : stats) {
            String lastLevel = m.level(m.last());
            Thresholds t = m.thresholds() == null ? Thresholds.NONE : m.thresholds();
            if (lastLevel != null) {
                boolean high = t.warnHigh() != null && m.last() >= t.warnHigh() || t.critHigh() != null && m.last() >= t.critHigh();
                Double bound = lastLevel.equals("critical") ? (high ? t.critHigh() : t.critLow()) : (high ? t.warnHigh() : t.warnLow());
                factors.add(new HealthFactor(m.metric() + "_threshold", m.metric(), lastLevel.equals("critical") ? 0.5 : 0.25,
                        m.metric() + " " + fmt(m.last()) + unit(m) + " is " + (high ? "above" : "below") + " its "
                                + lastLevel + " threshold " + fmt(bound) + unit(m)));
            } else {
                String peak = m.level(m.max());
                String trough = m.level(m.min());
                if (peak != null || trough != null) {
                    boolean hi = peak != null;
                    factors.add(new HealthFactor(m.metric() + "_excursion", m.metric(), 0.1,
                            m.metric() + " reached " + fmt(hi ? m.max() : m.min()) + unit(m) + " (" + (hi ? peak : trough)
                                    + " level) during the period and is back at " + fmt(m.last()) + unit(m)));
                }
            }
        }
        Map<String, Integer> perMetric = new LinkedHashMap<>();
        for (AnomalyFact a : anomalies) {
            if (!a.isEvent()) {
                perMetric.merge(a.metric() == null ? "unknown" : a.metric(), 1, Integer::sum);
            }
        }
        perMetric.forEach((metric, n) -> factors.add(new HealthFactor(metric + "_anomalies", metric,
                Math.min(0.3, 0.05 * n), n + (n == 1 ? " anomaly" : " anomalies") + " detected on " + metric
                        + " during the period")));
        long critEvents = anomalies.stream().filter(a -> a.isEvent() && "critical".equals(a.severity())).count();
        if (critEvents > 0) {
            factors.add(new HealthFactor("critical_events", null, Math.min(0.3, 0.1 * critEvents),
                    critEvents + " critical device event" + (critEvents == 1 ? "" : "s") + " during the period"));
        }
        boolean silent = d.lastSeen() != null && Duration.between(d.lastSeen(), now).compareTo(SILENCE) > 0;
        if (silent) {
            factors.add(new HealthFactor("no_data", null, 0.4, "no data received for "
                    + Duration.between(d.lastSeen(), now).toMinutes() + " minutes"));
        }
        factors.sort(Comparator.comparingDouble(HealthFactor::penalty).reversed().thenComparing(HealthFactor::name));
        if (d.healthScore() != null) {
            String status = d.status() == null || d.status().equals("unknown") ? DeviceHealth.statusOf(d.healthScore())
                    : d.status();
            return new DeviceHealth(round(d.healthScore()), status, factors, "scoring");
        }
        if (stats.isEmpty() && d.lastSeen() == null) {
            return new DeviceHealth(null, "unknown", factors, "thresholds");
        }
        double score = 1.0;
        for (HealthFactor f : factors) {
            score -= f.penalty();
        }
        score = round(Math.max(0, Math.min(1, score)));
        return new DeviceHealth(score, silent ? "offline" : DeviceHealth.statusOf(score), factors, "thresholds");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String unit(MetricStats m) {
        if (m.unit() == null || m.unit().isBlank()) {
            return "";
        }
        return m.unit().equals("%") ? "%" : " " + m.unit();
    }

    static String fmt(Double v) {
        if (v == null) {
            return "?";
        }
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}
