package io.homepot.scoring.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Periodic profile: one exponentially weighted mean per time-of-period bucket (UTC), read back with linear
 * interpolation between bucket centres ({@link #predict}) or as the mean of the bucket itself ({@link #predictStep},
 * which keeps a scheduled step at a bucket boundary sharp). The period is a day (the daily profile) or a week (v6: the
 * weekly profile, weekday and weekend schedules). Fixed memory: {@code buckets} doubles plus bookkeeping.
 */
final class SeasonalProfile {
    static final long DAY_MS = 86_400_000L;
    static final long WEEK_MS = 7 * DAY_MS;

    private final double[] mean;
    private final int[] days;        // periods (days or weeks) in which the bucket was visited
    private final long[] lastDay;    // the last period index in which it was visited
    private final long periodMs;
    private final long bucketMs;
    private final double dayAlpha;
    private final int minDays;
    /** The per-visit EWMA weight for the last sampling interval seen (derived, not part of the state). */
    private double alphaInterval = Double.NaN;
    private double alphaPerVisit;

    /** A daily profile: {@code dayAlpha} per day, used once a bucket has seen {@code minDays} days. */
    SeasonalProfile(int buckets, double dayAlpha, int minDays) {
        this(buckets, dayAlpha, minDays, DAY_MS);
    }

    /** A profile over {@code periodMs}: {@code alpha} per period, used once a bucket has seen {@code minPeriods}. */
    SeasonalProfile(int buckets, double alpha, int minPeriods, long periodMs) {
        this.mean = new double[buckets];
        this.days = new int[buckets];
        this.lastDay = new long[buckets];
        java.util.Arrays.fill(lastDay, Long.MIN_VALUE);
        this.periodMs = periodMs;
        this.bucketMs = periodMs / buckets;
        this.dayAlpha = alpha;
        this.minDays = minPeriods;
    }

    /** Expected value at {@code t}, or NaN when the neighbouring buckets have not seen enough periods. */
    double predict(long t) {
        int n = mean.length;
        double pos = (double) Math.floorMod(t, periodMs) / bucketMs - 0.5;
        int i0 = (int) Math.floor(pos);
        double f = pos - i0;
        i0 = Math.floorMod(i0, n);
        int i1 = (i0 + 1) % n;
        if (days[i0] < minDays || days[i1] < minDays) return Double.NaN;
        return mean[i0] * (1 - f) + mean[i1] * f;
    }

    /**
     * Mean of the bucket holding {@code t}, without interpolation, or NaN when that bucket has not seen enough periods.
     * With half-hour buckets (48 a day) the boundaries fall on the hour and half hour, where building schedules switch.
     */
    double predictStep(long t) {
        int i = (int) (Math.floorMod(t, periodMs) / bucketMs);
        return days[i] < minDays ? Double.NaN : mean[i];
    }

    /** Learns {@code x} at time {@code t}; {@code intervalMs} is the typical sampling interval. */
    void learn(long t, double x, double intervalMs) {
        int i = (int) (Math.floorMod(t, periodMs) / bucketMs);
        long day = Math.floorDiv(t, periodMs);
        if (lastDay[i] != day) {
            lastDay[i] = day;
            if (days[i] == 0) mean[i] = x;
            if (days[i] < Integer.MAX_VALUE) days[i]++;
        }
        double visitsPerDay = Math.max(1.0, bucketMs / Math.max(1.0, intervalMs));
        if (intervalMs != alphaInterval) {                  // a regular series keeps one interval: pow once
            alphaPerVisit = 1.0 - Math.pow(1.0 - dayAlpha, 1.0 / visitsPerDay);
            alphaInterval = intervalMs;
        }
        double a = alphaPerVisit;
        if (days[i] <= 1) a = Math.max(a, 1.0 / visitsPerDay);
        mean[i] += a * (x - mean[i]);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(mean.length);
        for (int i = 0; i < mean.length; i++) {
            out.writeDouble(mean[i]);
            out.writeInt(days[i]);
            out.writeLong(lastDay[i]);
        }
    }

    void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != mean.length) throw new IOException("profile has " + n + " buckets, expected " + mean.length);
        for (int i = 0; i < n; i++) {
            mean[i] = in.readDouble();
            days[i] = in.readInt();
            lastDay[i] = in.readLong();
        }
    }
}
