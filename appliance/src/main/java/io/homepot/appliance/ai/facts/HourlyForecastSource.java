package io.homepot.appliance.ai.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.scoring.StoredForecast;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.SampleStore;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Thresholds;
import io.homepot.scoring.forecast.Forecast;

/**
 * {@link ForecastSource} over the scoring module's forecaster ({@link StoredForecast}: trend plus hour-of-day levels
 * of hourly means, a prediction band, a confidence measured on held-back days, risk from the band), the same
 * forecast as {@code GET /api/devices/{id}/forecast}. Hourly means come from SQL: 7 days of history for one or two
 * devices, {@link #SITE_HISTORY} for larger scopes (keeps site-wide answers fast). Only metrics with thresholds are
 * forecast. Until 2026-12-02 this used an appliance-side copy of the model whose trend was fitted before the daily
 * profile (a daily cycle read as a trend) and whose confidence came from one held-back day.
 */
public final class HourlyForecastSource implements ForecastSource {
    /** History used when forecasting more than two devices. */
    public static final Duration SITE_HISTORY = Duration.ofDays(3);
    /** Confidence reported while no held-back day could be scored yet (the forecaster's own value is its prior). */
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
                Forecast r = StoredForecast.of(s, t, Math.max(1, horizonHours));
                if (r != null) {
                    list.add(fact(d.id(), m, t, r, s));
                }
            }
            if (!list.isEmpty()) {
                out.put(d.id(), list);
            }
        }
        return out;
    }

    private static ForecastFact fact(long deviceId, MetricStats m, Thresholds t, Forecast r, List<SeriesBucket> hourly) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double mean = 0;
        for (double p : r.hourly()) {
            max = Math.max(max, p);
            min = Math.min(min, p);
            mean += p / r.hourly().length;
        }
        double recent = 0;
        int n = Math.min(24, hourly.size());
        for (SeriesBucket b : hourly.subList(hourly.size() - n, hourly.size())) {
            recent += b.avg() / n;
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
        Double toWarn = hours(r.hoursToWarning()), toCrit = hours(r.hoursToCritical());
        boolean critSoon = toCrit != null && toCrit <= r.hourly().length;
        Double threshold = critSoon || warn == null ? crit : warn;
        String level = threshold == null ? null : threshold.equals(crit) && (critSoon || warn == null) ? "critical" : "warning";
        boolean tested = r.heldBackHours() > 0;
        return new ForecastFact(deviceId, m.metric(), m.unit(), m.last(), round(high ? max : min), direction, threshold, level,
                toWarn, toCrit, round(r.risk()), tested ? round(r.confidence()) : UNTESTED_CONFIDENCE, r.hourly().length,
                tested ? "hourly_trend_season" : "hourly_trend_season_untested");
    }

    /** The forecaster's NaN (not within its 7-day scan) is "not reached". */
    private static Double hours(double h) {
        return Double.isNaN(h) ? null : h;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
