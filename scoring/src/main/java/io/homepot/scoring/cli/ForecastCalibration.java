package io.homepot.scoring.cli;

import io.homepot.scoring.forecast.Forecast;
import io.homepot.scoring.forecast.Forecaster;
import io.homepot.scoring.health.Thresholds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that the {@link Forecaster}'s confidence is calibrated on real series: of the hours forecast with
 * confidence c, about c should land inside the band.
 *
 * <p>Protocol, per file of a folder in NAB layout ({@link SeriesCsv}): the points stream into a fresh forecaster in
 * time order; at the first point of every new UTC day, once the series has 48 h of data, a 24 h forecast is made from
 * what came before (no look-ahead). Each of those 24 hours that then receives data is one prediction: its hourly mean
 * is inside the band or not. Predictions are pooled over all files and grouped by stated confidence into ten bins of
 * 0.1; per bin the mean stated confidence is set against the observed share inside the band. The expected calibration
 * error is the hour-weighted mean of their absolute differences.</p>
 */
public final class ForecastCalibration {
    static final int BINS = 10;
    private static final long HOUR_MS = 3_600_000L;
    private static final int HORIZON_HOURS = 24;
    private static final int MIN_HISTORY_HOURS = 48;

    /** Pooled predictions: per confidence bin the hours, the hours inside the band and the sum of stated confidence. */
    public static final class Tally {
        final long[] hours = new long[BINS];
        final long[] hits = new long[BINS];
        final double[] confidenceSum = new double[BINS];
        double brierSum;
        long forecasts;
        int files;

        synchronized void add(double confidence, boolean inside) {
            int b = Math.min(BINS - 1, (int) (confidence * BINS));
            hours[b]++;
            if (inside) hits[b]++;
            confidenceSum[b] += confidence;
            brierSum += (confidence - (inside ? 1 : 0)) * (confidence - (inside ? 1 : 0));
        }

        synchronized void merge(Tally o) {
            for (int b = 0; b < BINS; b++) {
                hours[b] += o.hours[b];
                hits[b] += o.hits[b];
                confidenceSum[b] += o.confidenceSum[b];
            }
            brierSum += o.brierSum;
            forecasts += o.forecasts;
            files += o.files;
        }

        /** Predictions (forecast hours that received data). */
        public long predictions() {
            long n = 0;
            for (long h : hours) n += h;
            return n;
        }

        /** Mean stated confidence over all predictions. */
        public double meanConfidence() {
            double s = 0;
            for (double c : confidenceSum) s += c;
            return s / Math.max(1, predictions());
        }

        /** Share of all predictions inside their band. */
        public double coverage() {
            long h = 0;
            for (long x : hits) h += x;
            return (double) h / Math.max(1, predictions());
        }

        /** Expected calibration error: hour-weighted mean |observed coverage - stated confidence| over the bins. */
        public double expectedCalibrationError() {
            double e = 0;
            long n = predictions();
            for (int b = 0; b < BINS; b++) {
                if (hours[b] == 0) continue;
                e += (double) hours[b] / n * Math.abs((double) hits[b] / hours[b] - confidenceSum[b] / hours[b]);
            }
            return e;
        }

        /** Mean squared difference between stated confidence and outcome (1 inside the band, 0 outside). */
        public double brier() {
            return brierSum / Math.max(1, predictions());
        }

        /** The Brier score of stating the pooled coverage for every prediction: what a confidence must beat. */
        public double brierOfConstant() {
            double p = coverage();
            return p * (1 - p);
        }

        /** The result as JSON (bins with no predictions are left out). */
        public String toJson(String corpus) {
            StringBuilder bins = new StringBuilder();
            for (int b = 0; b < BINS; b++) {
                if (hours[b] == 0) continue;
                if (!bins.isEmpty()) bins.append(',');
                bins.append(String.format(Locale.ROOT,
                        "{\"confidence_from\":%.1f,\"hours\":%d,\"mean_confidence\":%.4f,\"observed\":%.4f}",
                        b / (double) BINS, hours[b], confidenceSum[b] / hours[b], (double) hits[b] / hours[b]));
            }
            return String.format(Locale.ROOT, "{\"benchmark\":\"forecast confidence calibration\",\"corpus\":\"%s\","
                            + "\"files\":%d,\"forecasts\":%d,\"predictions\":%d,\"mean_confidence\":%.4f,"
                            + "\"coverage\":%.4f,\"expected_calibration_error\":%.4f,\"brier\":%.4f,"
                            + "\"brier_of_constant\":%.4f,\"bins\":[%s]}",
                    corpus.replace("\\", "/").replace("\"", ""), files, forecasts, predictions(), meanConfidence(),
                    coverage(), expectedCalibrationError(), brier(), brierOfConstant(), bins);
        }
    }

    /** Runs every file under {@code dataDir} and returns the pooled tally. */
    public Tally run(Path dataDir) throws IOException {
        Tally total = new Tally();
        SeriesCsv.filesUnder(dataDir).parallelStream().forEach(f -> {
            try {
                total.merge(runFile(f));
            } catch (IOException e) {
                throw new UncheckedIOException("failed on " + f, e);
            }
        });
        return total;
    }

    /** Forecasts and checks one file. */
    Tally runFile(Path file) throws IOException {
        Tally t = new Tally();
        t.files = 1;
        Forecaster fc = new Forecaster();
        List<Forecast> pending = new ArrayList<>();
        Map<Long, double[]> hourly = new HashMap<>();                 // hour -> {sum, count} while a forecast covers it
        long[] first = {Long.MIN_VALUE}, last = {Long.MIN_VALUE};
        SeriesCsv.read(file, (ts, ms, raw, v) -> {
            if (!Double.isFinite(v)) return;
            long h = Math.floorDiv(ms, HOUR_MS);
            if (first[0] == Long.MIN_VALUE) first[0] = h;
            if (last[0] != Long.MIN_VALUE && h > last[0]) {
                settle(pending, hourly, h, t);
                boolean newDay = Math.floorDiv(h, 24L) > Math.floorDiv(last[0], 24L);
                if (newDay && h - first[0] >= MIN_HISTORY_HOURS) {
                    Forecast f = fc.forecast(HORIZON_HOURS, Thresholds.NONE);
                    if (f != null) {
                        pending.add(f);
                        t.forecasts++;
                    }
                }
            }
            if (!pending.isEmpty()) hourly.computeIfAbsent(h, k -> new double[2]);
            double[] acc = hourly.get(h);
            if (acc != null) {
                acc[0] += v;
                acc[1]++;
            }
            fc.add(ms, v);
            last[0] = Math.max(last[0] == Long.MIN_VALUE ? h : last[0], h);
        });
        settle(pending, hourly, Long.MAX_VALUE, t);
        return t;
    }

    /** Scores the forecasts whose horizon ended before {@code nowHour} and forgets hours no forecast still covers. */
    private static void settle(List<Forecast> pending, Map<Long, double[]> hourly, long nowHour, Tally t) {
        pending.removeIf(f -> {
            long start = f.startMillis() / HOUR_MS;
            if (nowHour < start + f.hourly().length) return false;
            for (int k = 0; k < f.hourly().length; k++) {
                double[] acc = hourly.get(start + k);
                if (acc == null || acc[1] == 0) continue;
                double mean = acc[0] / acc[1];
                t.add(f.confidence(), mean >= f.lower()[k] && mean <= f.upper()[k]);
            }
            return true;
        });
        long oldest = Long.MAX_VALUE;
        for (Forecast f : pending) oldest = Math.min(oldest, f.startMillis() / HOUR_MS);
        long keepFrom = oldest;
        hourly.keySet().removeIf(h -> h < keepFrom);
    }
}
