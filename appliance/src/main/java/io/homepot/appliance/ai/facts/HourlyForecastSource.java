package io.homepot.appliance.ai.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.scoring.HourlyForecast;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.SampleStore;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Thresholds;

/**
 * {@link ForecastSource} over the scoring wiring's {@link HourlyForecast} (linear trend plus hour-of-day
 * profile of hourly means; back-tested confidence; risk from a normal error model), the same model as
 * {@code GET /api/devices/{id}/forecast}. Hourly means come from one SQL statement for all devices: 30 days
 * of history for one or two devices, {@link #SITE_HISTORY} for larger scopes (keeps site-wide answers
 * fast; confidence needs at least 72 hours). Only metrics with thresholds are forecast.
 */
public final class HourlyForecastSource implements ForecastSource {
    /** History used when forecasting more than two devices. */
    public static final Duration SITE_HISTORY = Duration.ofDays(3);
    /** Confidence reported when the history is too short to back-test (under 72 hours). */
    public static final double UNTESTED_CONFIDENCE = 0.5;
    /** History used for one or two devices. */
    public static final Duration DEVICE_HISTORY = Duration.ofDays(7);
    private final SampleStore samples;

    public HourlyForecastSource(SampleStore samples) {
        this.samples = samples;
    }

    @Override
    public Map<Long, List<ForecastFact>> forecast(List<Device> devices, Map<Long, List<MetricStats>> stats, Instant now,
                                                  int horizonHours) {
        Map<Long, List<ForecastFact>> out = new HashMap<>();
        if (devices.isEmpty()) {
            return out;
        }
        Duration history = devices.size() <= 2 ? DEVICE_HISTORY : SITE_HISTORY;
        for (Device d : devices) {
            List<ForecastFact> list = new ArrayList<>();
            for (MetricStats m : stats.getOrDefault(d.id(), List.of())) {
                Thresholds t = m.thresholds() == null ? Thresholds.NONE : m.thresholds();
                if (t.warnHigh() == null && t.warnLow() == null && t.critHigh() == null && t.critLow() == null) {
                    continue;
                }
                List<SeriesBucket> s = samples.downsample(d.id(), m.metric(), now.minus(history), now, 3600);
                long[] ts = new long[s.size()];
                double[] v = new double[s.size()];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = s.get(i).ts().toEpochMilli();
                    v[i] = s.get(i).avg();
                }
                HourlyForecast.Result r = HourlyForecast.forecast(ts, v, t);
                if (r != null) {
                    list.add(fact(d.id(), m, t, r, v));
                }
            }
            if (!list.isEmpty()) {
                out.put(d.id(), list);
            }
        }
        return out;
    }

    private static ForecastFact fact(long deviceId, MetricStats m, Thresholds t, HourlyForecast.Result r, double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double mean = 0;
        for (HourlyForecast.Point p : r.points()) {
            max = Math.max(max, p.value());
            min = Math.min(min, p.value());
            mean += p.value() / r.points().size();
        }
        double recent = 0;
        int n = Math.min(24, v.length);
        for (int i = v.length - n; i < v.length; i++) {
            recent += v[i] / n;
        }
        double scale = Math.max(Math.abs(recent) * 0.01, (max - min) * 0.1);
        String direction = Math.abs(mean - recent) < Math.max(scale, 1e-9) ? "stable" : mean > recent ? "rising" : "falling";
        Double hi = t.warnHigh() != null ? t.warnHigh() : t.critHigh();
        Double lo = t.warnLow() != null ? t.warnLow() : t.critLow();
        boolean high;
        if (hi != null && lo != null) {
            high = (hi - max) / Math.max(1e-9, hi - lo) <= (min - lo) / Math.max(1e-9, hi - lo);
        } else {
            high = hi != null;
        }
        Double warn = high ? t.warnHigh() : t.warnLow();
        Double crit = high ? t.critHigh() : t.critLow();
        boolean critSoon = r.timeToCriticalHours() != null && r.timeToCriticalHours() <= r.points().size();
        Double threshold = critSoon || warn == null ? crit : warn;
        String level = threshold == null ? null : threshold.equals(crit) && (critSoon || warn == null) ? "critical" : "warning";
        return new ForecastFact(deviceId, m.metric(), m.unit(), m.last(), round(high ? max : min), direction, threshold, level,
                r.timeToWarningHours(), r.timeToCriticalHours(), r.riskScore(),
                r.confidence() == null ? UNTESTED_CONFIDENCE : r.confidence(), r.points().size(),
                r.confidence() == null ? "hourly_trend_season_untested" : "hourly_trend_season");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
