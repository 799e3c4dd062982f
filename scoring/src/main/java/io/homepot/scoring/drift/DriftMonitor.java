package io.homepot.scoring.drift;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Slow-drift monitor for one series: compares the series' <em>daily level</em> with a reference learned over the
 * previous week and raises one alert per drift episode. Complements the streaming detector, which adapts to slow
 * change by design.
 *
 * <h2>Method (hourly, constant work and memory)</h2>
 * <ol>
 *   <li>Points are averaged per UTC clock hour (irregular sampling is fine; an hour with no point is missing).</li>
 *   <li><b>Level</b> = median of the last 24 hourly means (needs {@code minLevelHours} of them). A 24 h window holds
 *       exactly one daily cycle whatever its shape, so the level is free of daily seasonality; the median ignores
 *       anything shorter than ~12 h (spikes, flaps, a dip and recharge). It lags a ramp by about 12 h.</li>
 *   <li><b>Reference</b> = the hourly levels of the previous {@code refHours} (7 days), not counting the newest
 *       {@code excludeHours} (24 h): its 10th/90th percentiles (the normal weekly range) and robust sigma
 *       (1.4826 x MAD, floored at {@code minSpread} and 1e-6 x (1 + |median|)). Needs {@code minRefHours}.</li>
 *   <li><b>Excess</b> = how far the level is outside [q10, q90], in robust sigmas (signed, 0 inside).</li>
 *   <li>While |excess| &gt;= {@code freezeSigma} the reference is <b>frozen</b> (levels are not added), so a slow
 *       ramp cannot teach itself into the baseline; it thaws after {@code persistHours} consecutive hours with the
 *       level within {@code thawSigma} of the reference median (a weekly upswing back into the range is not enough).</li>
 *   <li><b>Alert</b> when |excess| &gt;= {@code alertSigma} for {@code persistHours} consecutive hours: one pulse
 *       ({@link Result#alertStarted()}) per episode. The episode ends (re-arm) after {@code persistHours} consecutive
 *       hours with |excess| &lt; {@code rearmSigma}. A level that stays away for {@code acceptHours} is accepted as the
 *       new normal: the reference is cleared and re-learned.</li>
 * </ol>
 * Not thread-safe; one instance per (device, metric). No look-ahead: the result of a point depends only on earlier
 * points. NaN/infinite values are ignored. {@link #snapshot()} / {@link #restore(byte[])} round-trip exactly.
 */
public final class DriftMonitor {
    /** Snapshot magic "HPDM". */
    public static final int MAGIC = 0x4850444D;
    /** Snapshot format version. */
    public static final int VERSION = 1;
    private static final long HOUR = 3_600_000L;
    private static final int DAY_HOURS = 24;

    /** What one point produced. {@code alertStarted} is true only on the point that opened a drift episode. */
    public record Result(boolean alertStarted, boolean episodeOpen, boolean episodeEnded, double excess) {
        static final Result NONE = new Result(false, false, false, 0.0);
    }

    private final DriftConfig cfg;
    private double minSpread;
    // current hour accumulator
    private long hour = Long.MIN_VALUE;
    private double sum;
    private int count;
    // last 24 hourly means (NaN = missing hour)
    private final double[] hourly = new double[DAY_HOURS];
    private int hourlyHead;
    private int hourlyN;
    // reference ring of hourly levels
    private final double[] levels;
    private int levelsHead;
    private int levelsN;
    // every hourly level (NaN = none), also while frozen: for the trend in descriptions
    private final double[] recent;
    private int recentHead;
    private int recentN;
    // episode state
    private int run;               // consecutive hours beyond alertSigma (signed by direction)
    private int calmRun;           // consecutive hours inside rearmSigma during an episode
    private int episode;           // 0 none, +1 up, -1 down
    private boolean frozen;
    private int nearRun;           // consecutive hours near the reference median while frozen
    private long frozenHours;
    private long episodeStartHour = Long.MIN_VALUE;
    // last evaluation (for descriptions)
    private double level = Double.NaN;
    private double median = Double.NaN;
    private double q10 = Double.NaN;
    private double q90 = Double.NaN;
    private double sigma = Double.NaN;
    private double excess;
    private long evaluatedHour = Long.MIN_VALUE;

    public DriftMonitor(DriftConfig cfg) {
        this.cfg = cfg;
        this.levels = new double[cfg.refHours() + cfg.excludeHours()];
        this.recent = new double[cfg.refHours()];
        Arrays.fill(hourly, Double.NaN);
        Arrays.fill(recent, Double.NaN);
        Arrays.fill(levels, Double.NaN);
    }

    public DriftMonitor() {
        this(DriftConfig.defaults());
    }

    /** Smallest robust sigma used, in the series' unit (e.g. derived from its thresholds); 0 = data only. */
    public DriftMonitor minSpread(double spread) {
        this.minSpread = Double.isFinite(spread) && spread > 0 ? spread : 0.0;
        return this;
    }

    public double minSpread() {
        return minSpread;
    }

    public DriftConfig config() {
        return cfg;
    }

    /** Adds a point (time order; a point older than the current hour is ignored). */
    public Result update(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            return new Result(false, episode != 0, false, excess);
        }
        long h = Math.floorDiv(epochMillis, HOUR);
        Result r = null;
        if (hour == Long.MIN_VALUE) {
            hour = h;
        } else if (h > hour) {
            r = closeHour(h);
        } else if (h < hour) {
            return new Result(false, episode != 0, false, excess);
        }
        sum += value;
        count++;
        return r != null ? r : new Result(false, episode != 0, false, excess);
    }

    /** Closes the current hour and every missing hour up to {@code next}; evaluates once. */
    private Result closeHour(long next) {
        pushHourly(count > 0 ? sum / count : Double.NaN);
        long missing = Math.min(next - hour - 1, DAY_HOURS);
        for (long i = 0; i < missing; i++) {
            pushHourly(Double.NaN);
        }
        long closed = hour;
        hour = next;
        sum = 0;
        count = 0;
        return evaluate(closed);
    }

    private void pushHourly(double mean) {
        hourly[hourlyHead] = mean;
        hourlyHead = (hourlyHead + 1) % DAY_HOURS;
        hourlyN = Math.min(DAY_HOURS, hourlyN + 1);
    }

    private Result evaluate(long closedHour) {
        evaluatedHour = closedHour;
        double[] tmp = new double[DAY_HOURS];
        int n = 0;
        for (double v : hourly) {
            if (!Double.isNaN(v)) {
                tmp[n++] = v;
            }
        }
        if (n < cfg.minLevelHours()) {
            pushRecent(Double.NaN);
            level = Double.NaN;
            excess = 0;
            return new Result(false, episode != 0, false, 0.0);
        }
        level = median(tmp, n);
        pushRecent(level);
        boolean ready = referenceStats();
        if (!ready) {
            excess = 0;
            pushLevel(level);
            return new Result(false, episode != 0, false, 0.0);
        }
        excess = level > q90 ? (level - q90) / sigma : level < q10 ? -(q10 - level) / sigma : 0.0;
        double a = Math.abs(excess);
        int dir = excess > 0 ? 1 : -1;
        boolean started = false;
        boolean ended = false;
        if (a >= cfg.alertSigma()) {
            run = (run != 0 && Integer.signum(run) == dir) ? run + dir : dir;
        } else {
            run = 0;
        }
        if (episode == 0) {
            if (Math.abs(run) >= cfg.persistHours()) {
                episode = dir;
                started = true;
                calmRun = 0;
                episodeStartHour = closedHour;
            }
        } else {
            calmRun = a < cfg.rearmSigma() ? calmRun + 1 : 0;
            if (calmRun >= cfg.persistHours()) {
                episode = 0;
                ended = true;
                run = 0;
                episodeStartHour = Long.MIN_VALUE;
            }
        }
        // the reference freezes when the level leaves the weekly range and thaws only once the level is back near
        // the reference median for a while (not merely on a weekly upswing), so a ramp cannot leak into it
        double fromMedian = Math.abs(level - median) / sigma;
        if (episode != 0 || a >= cfg.freezeSigma()) {
            frozen = true;
            nearRun = 0;
        } else if (frozen) {
            nearRun = fromMedian < cfg.thawSigma() ? nearRun + 1 : 0;
            frozen = nearRun < cfg.persistHours();
        }
        if (frozen) {
            frozenHours++;
            if (frozenHours >= cfg.acceptHours()) {
                // the level stayed away long enough: it is the new normal, re-learn the reference from here
                Arrays.fill(levels, Double.NaN);
                levelsHead = 0;
                levelsN = 0;
                frozen = false;
                nearRun = 0;
                frozenHours = 0;
                episode = 0;
                run = 0;
                calmRun = 0;
                episodeStartHour = Long.MIN_VALUE;
                ended = true;
            }
        } else {
            frozenHours = 0;
            pushLevel(level);
        }
        return new Result(started, episode != 0, ended, excess);
    }

    private void pushRecent(double v) {
        recent[recentHead] = v;
        recentHead = (recentHead + 1) % recent.length;
        recentN = Math.min(recent.length, recentN + 1);
    }

    private void pushLevel(double v) {
        levels[levelsHead] = v;
        levelsHead = (levelsHead + 1) % levels.length;
        levelsN = Math.min(levels.length, levelsN + 1);
    }

    /** Reference statistics over the ring without its newest {@code excludeHours} levels; false until enough. */
    private boolean referenceStats() {
        int usable = levelsN - cfg.excludeHours();
        if (usable < cfg.minRefHours()) {
            median = q10 = q90 = sigma = Double.NaN;
            return false;
        }
        double[] ref = new double[usable];
        int n = 0;
        // oldest first: the ring's oldest entry is at head when full, else at 0
        int start = levelsN == levels.length ? levelsHead : 0;
        for (int i = 0; i < usable; i++) {
            double v = levels[(start + i) % levels.length];
            if (!Double.isNaN(v)) {
                ref[n++] = v;
            }
        }
        if (n < cfg.minRefHours()) {
            median = q10 = q90 = sigma = Double.NaN;
            return false;
        }
        Arrays.sort(ref, 0, n);
        median = quantile(ref, n, 0.5);
        q10 = quantile(ref, n, 0.1);
        q90 = quantile(ref, n, 0.9);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(ref[i] - median);
        }
        Arrays.sort(dev);
        double mad = quantile(dev, n, 0.5);
        sigma = Math.max(Math.max(1.4826 * mad, minSpread), 1e-6 * (1 + Math.abs(median)));
        return true;
    }

    private static double median(double[] a, int n) {
        double[] c = Arrays.copyOf(a, n);
        Arrays.sort(c);
        return quantile(c, n, 0.5);
    }

    /** Linear-interpolated quantile of the first n sorted values. */
    private static double quantile(double[] sorted, int n, double p) {
        double pos = p * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    // ------------------------------------------------------------------ facts for descriptions

    /** The daily level at the last evaluation (NaN before the first full day). */
    public double level() {
        return level;
    }

    /** The reference median (the usual daily level over the previous week; NaN while learning). */
    public double reference() {
        return median;
    }

    /** Reference 10th percentile (lower end of the normal weekly range). */
    public double referenceLow() {
        return q10;
    }

    /** Reference 90th percentile (upper end of the normal weekly range). */
    public double referenceHigh() {
        return q90;
    }

    /** Robust sigma of the reference levels. */
    public double sigma() {
        return sigma;
    }

    /** Signed excess beyond the normal weekly range in robust sigmas at the last evaluation. */
    public double excess() {
        return excess;
    }

    /** True while a drift episode is open. */
    public boolean episodeOpen() {
        return episode != 0;
    }

    /** True while the reference is frozen. */
    public boolean frozen() {
        return frozen;
    }

    /** The last evaluated (closed) UTC hour, epoch hours; Long.MIN_VALUE before any. */
    public long evaluatedHour() {
        return evaluatedHour;
    }

    /**
     * Change of the daily level per day over up to the last {@code days} days (least squares over the hourly levels
     * of the recent ring, which keeps learning while the reference is frozen); NaN with fewer than 24 levels.
     * The span actually used is {@link #trendDays(int)}.
     */
    public double slopePerDay(int days) {
        int want = Math.min(Math.min(days * DAY_HOURS, recent.length), recentN);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 0; i < want; i++) {
            double v = recent[Math.floorMod(recentHead - 1 - i, recent.length)];
            if (Double.isNaN(v)) {
                continue;
            }
            double x = -i;
            n++;
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
        }
        if (n < DAY_HOURS) {
            return Double.NaN;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d * DAY_HOURS;
    }

    /** Days of levels {@link #slopePerDay(int)} uses for a request of {@code days}. */
    public double trendDays(int days) {
        return Math.min(Math.min(days * DAY_HOURS, recent.length), recentN) / (double) DAY_HOURS;
    }

    // ------------------------------------------------------------------ snapshot

    /** "HPDM" magic + int version + config + state (~3.3 KB). */
    public byte[] snapshot() {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
            DataOutputStream out = new DataOutputStream(buf);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            cfg.write(out);
            out.writeDouble(minSpread);
            out.writeLong(hour);
            out.writeDouble(sum);
            out.writeInt(count);
            for (double v : hourly) {
                out.writeDouble(v);
            }
            out.writeInt(hourlyHead);
            out.writeInt(hourlyN);
            out.writeInt(levels.length);
            for (double v : levels) {
                out.writeDouble(v);
            }
            out.writeInt(levelsHead);
            out.writeInt(levelsN);
            out.writeInt(recent.length);
            for (double v : recent) {
                out.writeDouble(v);
            }
            out.writeInt(recentHead);
            out.writeInt(recentN);
            out.writeInt(run);
            out.writeInt(calmRun);
            out.writeInt(episode);
            out.writeBoolean(frozen);
            out.writeInt(nearRun);
            out.writeLong(frozenHours);
            out.writeLong(episodeStartHour);
            out.writeDouble(level);
            out.writeDouble(median);
            out.writeDouble(q10);
            out.writeDouble(q90);
            out.writeDouble(sigma);
            out.writeDouble(excess);
            out.writeLong(evaluatedHour);
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restores a {@link #snapshot()}; IllegalArgumentException on bad magic, version or length. */
    public static DriftMonitor restore(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not a drift monitor snapshot (magic " + Integer.toHexString(magic) + ")");
            }
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported drift monitor snapshot version " + version);
            }
            DriftMonitor m = new DriftMonitor(DriftConfig.read(in));
            m.minSpread = in.readDouble();
            m.hour = in.readLong();
            m.sum = in.readDouble();
            m.count = in.readInt();
            for (int i = 0; i < DAY_HOURS; i++) {
                m.hourly[i] = in.readDouble();
            }
            m.hourlyHead = in.readInt();
            m.hourlyN = in.readInt();
            int len = in.readInt();
            if (len != m.levels.length) {
                throw new IllegalArgumentException("level ring length " + len + " does not match the config");
            }
            for (int i = 0; i < len; i++) {
                m.levels[i] = in.readDouble();
            }
            m.levelsHead = in.readInt();
            m.levelsN = in.readInt();
            int rlen = in.readInt();
            if (rlen != m.recent.length) {
                throw new IllegalArgumentException("recent ring length " + rlen + " does not match the config");
            }
            for (int i = 0; i < rlen; i++) {
                m.recent[i] = in.readDouble();
            }
            m.recentHead = in.readInt();
            m.recentN = in.readInt();
            m.run = in.readInt();
            m.calmRun = in.readInt();
            m.episode = in.readInt();
            m.frozen = in.readBoolean();
            m.nearRun = in.readInt();
            m.frozenHours = in.readLong();
            m.episodeStartHour = in.readLong();
            m.level = in.readDouble();
            m.median = in.readDouble();
            m.q10 = in.readDouble();
            m.q90 = in.readDouble();
            m.sigma = in.readDouble();
            m.excess = in.readDouble();
            m.evaluatedHour = in.readLong();
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes in drift monitor snapshot");
            }
            if (m.hourlyHead < 0 || m.hourlyHead >= DAY_HOURS || m.levelsHead < 0 || m.levelsHead >= len
                    || m.recentHead < 0 || m.recentHead >= rlen) {
                throw new IllegalArgumentException("corrupt drift monitor snapshot");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated drift monitor snapshot", e);
        }
    }
}
