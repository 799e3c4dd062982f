package io.homepot.scoring.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Device health score: {@code score = max(0, 1 - sum of penalties)}, penalties from metric deviations against the
 * learned baseline, threshold violations, forecast trend and events. See docs/scoring.md for the formula.
 * Stateless and thread-safe.
 */
public final class HealthScorer {
    private final HealthConfig cfg;

    public HealthScorer(HealthConfig config) {
        this.cfg = java.util.Objects.requireNonNull(config, "config");
    }

    /**
     * Scores one device.
     *
     * @param metrics latest state of each metric of the device
     * @param events  error and connectivity events in the window
     * @return score in [0, 1], status and contributing factors (largest penalty first)
     */
    public HealthReport score(List<MetricInput> metrics, DeviceEvents events) {
        List<Factor> factors = new ArrayList<>();
        for (MetricInput m : metrics) {
            Thresholds.Level level = m.thresholds().levelOf(m.value());
            if (level == Thresholds.Level.CRITICAL) {
                factors.add(new Factor("threshold:" + m.metric(), cfg.criticalPenalty(),
                        fmt("%s is %s, beyond its critical limit (%s)", m.metric(), num(m.value()),
                                limits(m.thresholds(), true))));
            } else if (level == Thresholds.Level.WARNING) {
                factors.add(new Factor("threshold:" + m.metric(), cfg.warningPenalty(),
                        fmt("%s is %s, beyond its warning limit (%s)", m.metric(), num(m.value()),
                                limits(m.thresholds(), false))));
            }
            double d = Double.isNaN(m.deviationSigma()) ? 0.0 : Math.abs(m.deviationSigma());
            if (d > cfg.deviationFreeSigma()) {
                double frac = Math.min(1.0, (d - cfg.deviationFreeSigma())
                        / (cfg.deviationFullSigma() - cfg.deviationFreeSigma()));
                factors.add(new Factor("deviation:" + m.metric(), frac * cfg.deviationMaxPenalty(),
                        fmt("%s is %.1f sigma %s its usual value", m.metric(), d,
                                m.deviationSigma() > 0 ? "above" : "below")));
            }
            double h = m.hoursToThreshold();
            if (level == Thresholds.Level.NORMAL && !Double.isNaN(h) && h >= 0 && h < cfg.trendHorizonHours()) {
                factors.add(new Factor("trend:" + m.metric(), cfg.trendMaxPenalty() * (1 - h / cfg.trendHorizonHours()),
                        fmt("%s is forecast to cross a limit in %.1f h", m.metric(), h)));
            }
        }
        if (events.errors() > 0) {
            factors.add(new Factor("errors", Math.min(cfg.errorMaxPenalty(), events.errors() * cfg.errorPenalty()),
                    fmt("%d error event(s) reported", events.errors())));
        }
        if (events.connectivityLosses() > 0) {
            factors.add(new Factor("connectivity", Math.min(cfg.connectivityMaxPenalty(),
                    events.connectivityLosses() * cfg.connectivityPenalty()),
                    fmt("lost connection %d time(s)", events.connectivityLosses())));
        }
        if (events.offline()) {
            factors.add(new Factor("offline", cfg.offlinePenalty(), "device is offline now"));
        }
        factors.sort(Comparator.comparingDouble(Factor::penalty).reversed());
        double total = 0;
        for (Factor f : factors) total += f.penalty();
        double score = Math.max(0.0, Math.min(1.0, 1.0 - total));
        return new HealthReport(score, cfg.statusOf(score), factors);
    }

    private static String limits(Thresholds t, boolean critical) {
        double lo = critical ? t.criticalLow() : t.warningLow();
        double hi = critical ? t.criticalHigh() : t.warningHigh();
        if (Double.isNaN(lo)) return "max " + num(hi);
        if (Double.isNaN(hi)) return "min " + num(lo);
        return num(lo) + ".." + num(hi);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : fmt("%.2f", v);
    }

    private static String fmt(String f, Object... a) { return String.format(Locale.ROOT, f, a); }
}
