package io.homepot.scoring.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic generator of a labelled <em>synthetic</em> building-device corpus in NAB layout, for checking that
 * the detector generalises to device-like data it was not tuned on (schedules, quantised sensors, saturation,
 * 10-second sampling). It is not a substitute for real labelled data: the anomalies are injected by the rules below.
 *
 * <p>Layout written by {@link #write}: {@code data/<category>/<name>.csv} (header {@code timestamp,value},
 * timestamps {@code yyyy-MM-dd HH:mm:ss} UTC from 2026-03-02 00:00), {@code labels/combined_windows.json} (NAB
 * format, {@code "category/name.csv": [["start", "end"], ...]}, {@code []} for files without anomalies) and
 * {@code labels/anomalies.csv} (not NAB: one row per injected anomaly with its kind and changed rows).
 *
 * <p>Families: room temperature (1 min, daily cycle, 0.1 °C steps), humidity (5 min, 1 % steps, 0-100), HVAC fan
 * rpm (1 min, day speed 07:00-19:00, 10 rpm steps), CPU utilisation (5 min, bursty, 0-100), network latency
 * (1 min, log-normal), mains voltage (10 s, 0.5 V steps), cold-room temperature (short files, 600-900 rows), UPS
 * battery % (1 min, 100 % on mains; every discharge is an injected anomaly) and office supply fans (5 min, 4-6 weeks,
 * day speed on weekdays only). About a third of the files are quiet (no anomaly); they count false alarms.
 *
 * <p>Anomaly kinds ({@link Kind}): spike, burst (2-6 rows), level shift (200-2000 rows), stuck value, drop to zero,
 * variance increase, ramp (up, hold, down) and oscillation, with magnitudes relative to the file's normal range and
 * noise. Every anomaly starts after NAB's probationary period (the first min(15 % of rows, 750)). Label windows
 * follow NAB: length = 10 % of the file's rows divided by its number of anomalies, centred on the anomaly start,
 * clipped to the file. Only {@code new SplittableRandom(seed)} is used for randomness and {@code StrictMath} for the
 * shapes, so one seed gives byte-identical output.
 */
public final class DeviceCorpus {
    /** What {@link #write} produced. */
    public record Summary(int files, int windows, long rows) {}

    /** Injected anomaly kinds. */
    public enum Kind { SPIKE, BURST, SHIFT, STUCK, ZERO, VARIANCE, RAMP, OSCILLATION }

    /** One injected anomaly: rows [start, end) were changed; the label window is rows [windowFrom, windowTo]. */
    record Anomaly(Kind kind, int start, int end, int windowFrom, int windowTo) {}

    /** One generated file: its values, the same series without the anomalies, and the anomalies. */
    record DeviceFile(String path, int stepSeconds, double[] clean, double[] values, List<Anomaly> anomalies) {
        String timestamp(int row) {
            return LocalDateTime.ofEpochSecond(T0 + (long) row * stepSeconds, 0, ZoneOffset.UTC).format(TS);
        }
    }

    static final long T0 = LocalDateTime.of(2026, 3, 2, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final EnumSet<Kind> ALL = EnumSet.allOf(Kind.class);

    /** Normal behaviour of a family: fills the expected value and the noise of every row. */
    private interface Signal { void fill(int stepSeconds, double[] base, double[] noise, SplittableRandom rnd); }

    private interface Noise { double next(SplittableRandom rnd); }

    private interface HourShape { double at(double hourOfDay); }

    private record Family(String category, String name, int count, int minRows, int maxRows, int stepSeconds,
                          double quantum, double lo, double hi, boolean downOnly, EnumSet<Kind> kinds, Signal signal) {}

    private static final List<Family> FAMILIES = List.of(
            new Family("hvac", "room_temp", 5, 4000, 12000, 60, 0.1, -50, 100, false, ALL,
                    byHour(daily(21.5, 1.2, 15), gauss(0.15))),
            new Family("env", "humidity", 4, 3000, 6000, 300, 1, 0, 100, false, ALL,
                    byHour(daily(45, 6, 5), gauss(0.8))),
            new Family("hvac", "fan_rpm", 5, 5000, 10000, 60, 10, 0, 5000, false, ALL,
                    byHour(h -> h >= 7 && h < 19 ? 1350 : 1200, gauss(8))),
            new Family("it", "cpu_util", 4, 3000, 5000, 300, 0, 0, 100, false, ALL,
                    byHour(daily(20, 10, 14), r -> Math.abs(3 * r.nextGaussian())
                            + (r.nextDouble() < 0.02 ? r.nextDouble(10, 40) : 0))),
            new Family("network", "latency", 5, 5000, 9000, 60, 0, 0, 1e6, false,
                    EnumSet.of(Kind.SPIKE, Kind.BURST, Kind.SHIFT, Kind.ZERO, Kind.VARIANCE, Kind.STUCK),
                    byHour(h -> 12, r -> 12 * StrictMath.exp(0.25 * r.nextGaussian()) - 12)),
            new Family("power", "mains_voltage", 4, 6000, 12000, 10, 0.5, 0, 400, false,
                    EnumSet.of(Kind.SPIKE, Kind.BURST, Kind.SHIFT, Kind.ZERO, Kind.STUCK, Kind.OSCILLATION),
                    byHour(daily(230, 1.5, 19), gauss(0.6))),
            new Family("coldroom", "cold_room", 6, 600, 900, 60, 0.1, -50, 100, false,
                    EnumSet.of(Kind.SPIKE, Kind.SHIFT, Kind.STUCK, Kind.RAMP),
                    byHour(daily(4, 0.5, 3), gauss(0.1))),
            new Family("power", "ups_battery", 4, 4000, 8000, 60, 1, 0, 100, true,
                    EnumSet.of(Kind.SPIKE, Kind.BURST, Kind.SHIFT, Kind.ZERO, Kind.RAMP),
                    DeviceCorpus::upsBattery),
            new Family("hvac", "office_fan", 3, 8000, 12000, 300, 10, 0, 5000, false, ALL, DeviceCorpus::officeFan));

    private DeviceCorpus() {}

    /** Writes the corpus for {@code seed} under {@code outDir} (see the class comment for the layout). */
    public static Summary write(Path outDir, long seed) throws IOException {
        List<DeviceFile> files = generate(seed);
        Path labels = outDir.resolve("labels");
        Files.createDirectories(labels);
        int windows = 0;
        long rows = 0;
        StringBuilder json = new StringBuilder("{\n");
        StringBuilder manifest = new StringBuilder("file,kind,start,end,window_start,window_end\n");
        for (DeviceFile f : files) {
            Path csv = outDir.resolve("data").resolve(f.path());
            Files.createDirectories(csv.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("timestamp,value\n");
                for (int i = 0; i < f.values().length; i++) {
                    w.write(f.timestamp(i) + "," + String.format(Locale.ROOT, "%.4f", f.values()[i]) + "\n");
                }
            }
            List<String> pairs = new ArrayList<>();
            for (Anomaly a : f.anomalies()) {
                String from = f.timestamp(a.windowFrom()) + ".000000", to = f.timestamp(a.windowTo()) + ".000000";
                pairs.add("[\"" + from + "\", \"" + to + "\"]");
                manifest.append(String.join(",", f.path(), a.kind().name().toLowerCase(Locale.ROOT),
                        f.timestamp(a.start()), f.timestamp(a.end() - 1), from, to)).append('\n');
            }
            json.append("    \"").append(f.path()).append("\": [").append(String.join(", ", pairs)).append(']')
                    .append(f == files.get(files.size() - 1) ? "\n" : ",\n");
            windows += pairs.size();
            rows += f.values().length;
        }
        Files.writeString(labels.resolve("combined_windows.json"), json.append("}\n"), StandardCharsets.UTF_8);
        Files.writeString(labels.resolve("anomalies.csv"), manifest, StandardCharsets.UTF_8);
        return new Summary(files.size(), windows, rows);
    }

    /** Generates every file for {@code seed}, sorted by path. */
    static List<DeviceFile> generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<DeviceFile> out = new ArrayList<>();
        for (Family f : FAMILIES) {
            int quietPhase = rnd.nextInt(3);
            for (int r = 0; r < f.count(); r++) {
                int n = rnd.nextInt(f.minRows(), f.maxRows() + 1);
                int k = (r + quietPhase) % 3 == 0 ? 0 : n >= 5000 && rnd.nextBoolean() ? 2 : 1;
                out.add(generateFile(f, f.category() + "/" + f.name() + "_" + r + ".csv", n, k, rnd));
            }
        }
        out.sort(Comparator.comparing(DeviceFile::path));
        return out;
    }

    private static DeviceFile generateFile(Family f, String path, int n, int k, SplittableRandom rnd) {
        double[] base = new double[n], noise = new double[n], raw = new double[n];
        f.signal().fill(f.stepSeconds(), base, noise, rnd);
        double noiseScale = 0;
        for (int i = 0; i < n; i++) {
            raw[i] = base[i] + noise[i];
            noiseScale += Math.abs(noise[i]) / n;
        }
        double[] clean = finish(f, raw.clone());
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double x : clean) { min = Math.min(min, x); max = Math.max(max, x); }
        double range = Math.max(max - min, 10 * f.quantum()), scale = Math.max(noiseScale, f.quantum());
        List<Anomaly> anomalies = new ArrayList<>();
        if (k > 0) {
            // Each anomaly gets its own segment and starts in the segment's first third, so the effects and label
            // windows of a file never overlap; the first starts >= probation + 10 % of n, past its half-window.
            int probation = Math.min(n * 15 / 100, 750), from = probation + n / 10, seg = (n - n / 20 - from) / k;
            int half = Math.max(2, (int) (0.10 * n / k)) / 2;
            for (int a = 0; a < k; a++) {
                int s = from + a * seg + rnd.nextInt(Math.max(1, seg / 3));
                Kind kind = pick(f.kinds(), rnd);
                int end = inject(kind, raw, s, from + (a + 1) * seg, range, scale, f.downOnly(), rnd);
                anomalies.add(new Anomaly(kind, s, end, Math.max(0, s - half), Math.min(n - 1, s + half)));
            }
        }
        return new DeviceFile(path, f.stepSeconds(), clean, finish(f, raw), List.copyOf(anomalies));
    }

    /** Changes rows from {@code s} (before {@code limit}) in place; returns the end (exclusive) of the changed rows. */
    private static int inject(Kind kind, double[] v, int s, int limit, double range, double noise, boolean downOnly,
                              SplittableRandom rnd) {
        double sign = downOnly || rnd.nextBoolean() ? -1 : 1;
        int len = rnd.nextInt(20, 201), end = Math.min(limit, s + 3 * len);
        switch (kind) {
            case SPIKE -> { v[s] += sign * range * rnd.nextDouble(0.6, 1.5); end = s + 1; }
            case BURST -> {
                end = Math.min(limit, s + rnd.nextInt(2, 7));
                for (int j = s; j < end; j++) v[j] += sign * range * rnd.nextDouble(0.5, 1.0);
            }
            case SHIFT -> {
                double d = sign * Math.max(range * rnd.nextDouble(0.3, 0.7), 6 * noise);
                end = Math.min(limit, s + rnd.nextInt(200, 2001));
                for (int j = s; j < end; j++) v[j] += d;
            }
            case STUCK -> { for (int j = s + 1; j < end; j++) v[j] = v[s]; }
            case ZERO -> { end = Math.min(limit, s + len); for (int j = s; j < end; j++) v[j] = 0; }
            case VARIANCE -> {
                double gain = rnd.nextDouble(4, 8);
                for (int j = s; j < end; j++) v[j] += noise * gain * rnd.nextGaussian();
            }
            case RAMP -> { // rise over r rows, hold r rows, return over r rows
                int r = Math.max(1, Math.min(rnd.nextInt(100, 401), (limit - s) / 3));
                double d = sign * range * rnd.nextDouble(0.6, 1.0);
                end = s + 3 * r;
                for (int j = s; j < end; j++) v[j] += d * Math.min(1, Math.min(j - s, end - j) / (double) r);
            }
            case OSCILLATION -> {
                int period = rnd.nextInt(6, 21);
                for (int j = s; j < end; j++) v[j] += 0.4 * range * StrictMath.sin(2 * Math.PI * (j - s) / period);
            }
        }
        return end;
    }

    /** Quantises and clamps like the device would report; returns {@code v}. */
    private static double[] finish(Family f, double[] v) {
        for (int i = 0; i < v.length; i++) {
            double x = f.quantum() > 0 ? Math.round(v[i] / f.quantum()) * f.quantum() : v[i];
            v[i] = Math.max(f.lo(), Math.min(f.hi(), x));
        }
        return v;
    }

    private static Kind pick(EnumSet<Kind> kinds, SplittableRandom rnd) {
        return kinds.toArray(new Kind[0])[rnd.nextInt(kinds.size())];
    }

    private static HourShape daily(double mean, double amplitude, double peakHour) {
        return h -> mean + amplitude * StrictMath.cos((h - peakHour) / 24 * 2 * Math.PI);
    }

    private static Noise gauss(double sigma) { return r -> sigma * r.nextGaussian(); }

    /** Expected value from the hour of day (the corpus starts at midnight UTC), independent noise per row. */
    private static Signal byHour(HourShape shape, Noise noise) {
        return (step, base, out, rnd) -> {
            for (int i = 0; i < base.length; i++) {
                base[i] = shape.at((long) i * step % 86_400 / 3600.0);
                out[i] = noise.next(rnd);
            }
        };
    }

    /**
     * An office supply fan, 5-min samples for 4-6 weeks: 1350 rpm on weekdays 07:00-19:00 UTC, 1200 rpm at night and at
     * weekends (the corpus starts on a Monday), noise 8 rpm.
     */
    private static void officeFan(int step, double[] base, double[] noise, SplittableRandom rnd) {
        for (int i = 0; i < base.length; i++) {
            long t = (long) i * step;
            int day = (int) (t / 86_400 % 7), hour = (int) (t % 86_400 / 3600);
            base[i] = day < 5 && hour >= 7 && hour < 19 ? 1350 : 1200;
            noise[i] = 8 * rnd.nextGaussian();
        }
    }

    /**
     * A UPS on mains: the battery sits at 100 %. Every discharge in this family is an injected anomaly (a mains outage
     * is an incident on a site), so a quiet file is flat.
     */
    private static void upsBattery(int step, double[] base, double[] noise, SplittableRandom rnd) {
        Arrays.fill(base, 100);
        Arrays.fill(noise, 0);
    }
}
