package io.homepot.appliance.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.homepot.appliance.store.Event;
import io.homepot.scoring.health.DeviceEvents;
import io.homepot.scoring.health.Factor;
import io.homepot.scoring.health.HealthConfig;
import io.homepot.scoring.health.HealthReport;
import io.homepot.scoring.health.HealthScorer;
import io.homepot.scoring.health.MetricInput;
import io.homepot.scoring.health.Thresholds;

/**
 * Feeds a device's scored series and recent events to the scoring module's {@link HealthScorer} (formula in
 * {@code docs/scoring.md}): per metric the latest value, its deviation from the learned baseline (a 5-point EWMA of
 * |deviation| with the sign of the latest point, so one noisy point does not move health), the device's effective
 * thresholds and the forecast hours to the next threshold (trend); events of the last
 * {@link HealthPolicy#eventWindowMinutes()} minutes as errors, connectivity losses and "offline now".
 */
final class HealthCalculator {
    private final HealthPolicy policy;
    private final HealthScorer scorer;

    HealthCalculator(HealthPolicy policy) {
        this.policy = policy;
        HealthConfig d = HealthConfig.defaults();
        this.scorer = new HealthScorer(new HealthConfig(policy.healthyAbove(), policy.criticalBelow(),
                d.deviationFreeSigma(), d.deviationFullSigma(), d.deviationMaxPenalty(), d.warningPenalty(),
                d.criticalPenalty(), d.trendHorizonHours(), d.trendMaxPenalty(), d.errorPenalty(), d.errorMaxPenalty(),
                d.connectivityPenalty(), d.connectivityMaxPenalty(), d.offlinePenalty()));
    }

    HealthPolicy policy() {
        return policy;
    }

    DeviceHealth assess(DeviceInfo info, Map<String, SeriesState> series, List<Event> recentEvents, Instant at) {
        List<MetricInput> in = new ArrayList<>();
        for (Map.Entry<String, SeriesState> e : series.entrySet()) {
            SeriesState s = e.getValue();
            if (s.lastTs == SeriesState.NONE || !Double.isFinite(s.lastValue)) {
                continue;
            }
            Thresholds lim = AnomalyClassifier.limits(info.metric(e.getKey()).thresholds());
            double dev = s.absDevEwma == 0 ? 0.0 : Math.copySign(s.absDevEwma, s.lastDeviation);
            in.add(new MetricInput(e.getKey(), s.lastValue, dev, lim, s.hoursToThreshold(lim, at.toEpochMilli())));
        }
        HealthReport r = scorer.score(in, events(recentEvents, at));
        List<DeviceHealth.Factor> factors = new ArrayList<>();
        for (Factor f : r.factors()) {
            int colon = f.name().indexOf(':');
            String metric = colon < 0 ? null : f.name().substring(colon + 1);
            String name = colon < 0 ? f.name() : metric + "_" + f.name().substring(0, colon);
            factors.add(new DeviceHealth.Factor(name, metric, Math.round(f.penalty() * 1000) / 1000.0, f.explanation()));
        }
        double score = Math.round(r.score() * 1000) / 1000.0;
        return new DeviceHealth(score, policy.status(score), at, factors);
    }

    /** Events in {@code (at - window, at]} as the scorer's counts. */
    DeviceEvents events(List<Event> events, Instant at) {
        Instant from = at.minusSeconds(policy.eventWindowMinutes() * 60L);
        int errors = 0;
        int losses = 0;
        Boolean connected = null;
        for (Event e : events) {
            if (e.ts().isBefore(from) || e.ts().isAfter(at)) {
                continue;
            }
            if (isConnectivityLoss(e.kind())) {
                losses++;
                connected = false;
            } else if (isConnectivityRestored(e.kind())) {
                connected = true;
            } else if (isError(e)) {
                errors++;
            }
        }
        return new DeviceEvents(errors, losses, Boolean.FALSE.equals(connected));
    }

    private static boolean isError(Event e) {
        String sev = e.severity() == null ? "" : e.severity().toLowerCase(Locale.ROOT);
        String k = e.kind() == null ? "" : e.kind().toLowerCase(Locale.ROOT);
        return sev.equals("critical") || sev.equals("error") || k.contains("error") || k.contains("fault")
                || k.contains("alarm");
    }

    /** Kinds that mean the device dropped off the network. */
    static boolean isConnectivityLoss(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        return k.equals("offline") || k.contains("disconnect") || k.contains("connectivity_lost")
                || k.contains("connection_lost") || k.contains("unreachable") || k.equals("link_down");
    }

    /** Kinds that mean the device is reachable again. */
    static boolean isConnectivityRestored(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        return k.equals("online") || k.contains("reconnect") || k.equals("link_up") || k.contains("connectivity_restored");
    }
}
