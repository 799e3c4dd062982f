package io.homepot.appliance.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.store.Thresholds;

/**
 * Appliance-side 24 h forecast from hourly means (linear trend + hour-of-day profile of the residuals). Superseded
 * by the scoring module's {@link io.homepot.scoring.forecast.Forecaster} (used by {@code GET /api/devices/{id}/forecast});
 * kept because {@code ai.facts.HourlyForecastSource} still uses it: migrate there, then delete this class. Confidence is the share of the last 24 held-back hours that fell
 * inside the 95 % band of a model fitted without them; risk is the largest probability over the next 24 h of being
 * beyond the warning (half weight) and critical (half weight) thresholds under a normal error model.
 */
public final class HourlyForecast {
    private static final long HOUR = 3_600_000L;

    /** One forecast hour. */
    public record Point(Instant ts, double value, double lower, double upper) {
    }

    /** The forecast; {@code timeTo*Hours} are null when the threshold is not reached within 7 days. */
    public record Result(List<Point> points, Double timeToWarningHours, Double timeToCriticalHours, double riskScore,
                         Double confidence) {
    }

    private record Model(double a, double b, double[] season, double sd, long t0) {
        double at(long t) {
            double h = (t - t0) / (double) HOUR;
            int hod = (int) Math.floorMod(t / HOUR, 24L);
            return a + b * h + season[hod];
        }
    }

    private HourlyForecast() {
    }

    /**
     * @param ts     hour start times (epoch ms), ascending
     * @param values hourly means
     * @return null when there are fewer than 6 hours of data
     */
    public static Result forecast(long[] ts, double[] values, Thresholds th) {
        int n = ts.length;
        if (n < 6) {
            return null;
        }
        Model m = fit(ts, values, n);
        Double confidence = null;
        if (n >= 72) {
            int train = n - 24;
            Model back = fit(ts, values, train);
            int inside = 0;
            for (int i = train; i < n; i++) {
                double p = back.at(ts[i]);
                if (Math.abs(values[i] - p) <= 1.96 * back.sd()) {
                    inside++;
                }
            }
            confidence = Math.round(inside / (double) (n - train) * 100) / 100.0;
        }
        long last = ts[n - 1];
        List<Point> pts = new ArrayList<>();
        double risk = 0;
        for (int k = 1; k <= 24; k++) {
            long t = last + k * HOUR;
            double v = m.at(t);
            double w = 1.96 * m.sd() * Math.sqrt(1 + k / 24.0);
            pts.add(new Point(Instant.ofEpochMilli(t), round(v), round(v - w), round(v + w)));
            double sd = m.sd() * Math.sqrt(1 + k / 24.0);
            risk = Math.max(risk, 0.5 * beyond(v, sd, th.warnLow(), th.warnHigh()) + 0.5 * beyond(v, sd, th.critLow(), th.critHigh()));
        }
        return new Result(pts, timeTo(m, last, values[n - 1], th.warnLow(), th.warnHigh()),
                timeTo(m, last, values[n - 1], th.critLow(), th.critHigh()), Math.round(risk * 100) / 100.0, confidence);
    }

    private static Model fit(long[] ts, double[] v, int n) {
        long t0 = ts[0];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = (ts[i] - t0) / (double) HOUR;
            sx += x;
            sy += v[i];
            sxx += x * x;
            sxy += x * v[i];
        }
        double den = n * sxx - sx * sx;
        double b = den == 0 ? 0 : (n * sxy - sx * sy) / den;
        double a = (sy - b * sx) / n;
        double[] sum = new double[24];
        int[] cnt = new int[24];
        for (int i = 0; i < n; i++) {
            int h = (int) Math.floorMod(ts[i] / HOUR, 24L);
            sum[h] += v[i] - (a + b * (ts[i] - t0) / (double) HOUR);
            cnt[h]++;
        }
        double[] season = new double[24];
        for (int h = 0; h < 24; h++) {
            season[h] = cnt[h] >= 2 ? sum[h] / cnt[h] : 0;
        }
        Model m0 = new Model(a, b, season, 0, t0);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double e = v[i] - m0.at(ts[i]);
            ss += e * e;
        }
        double sd = Math.sqrt(ss / Math.max(1, n - 2));
        return new Model(a, b, season, Math.max(sd, 1e-9), t0);
    }

    private static Double timeTo(Model m, long last, double lastValue, Double low, Double high) {
        if (beyondLimit(lastValue, low, high)) {
            return 0.0;
        }
        double prev = lastValue;
        for (int k = 1; k <= 24 * 7; k++) {
            double v = m.at(last + k * HOUR);
            if (beyondLimit(v, low, high)) {
                double limit = high != null && v >= high ? high : low;
                double frac = v == prev ? 1 : Math.min(1, Math.max(0, (limit - prev) / (v - prev)));
                return Math.round((k - 1 + frac) * 10) / 10.0;
            }
            prev = v;
        }
        return null;
    }

    private static boolean beyondLimit(double v, Double low, Double high) {
        return (high != null && v >= high) || (low != null && v <= low);
    }

    private static double beyond(double mean, double sd, Double low, Double high) {
        double p = 0;
        if (high != null) {
            p += 1 - phi((high - mean) / sd);
        }
        if (low != null) {
            p += phi((low - mean) / sd);
        }
        return Math.min(1, p);
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26, error below 1e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
