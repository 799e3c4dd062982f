package io.homepot.scoring.detect;

/**
 * Daily / weekly recurrence of detections, on caller-owned memory (per 5-minute time-of-day bin: the last epoch day
 * with a detection and a 32-day bitmask; see {@link DetectorState}). Stateless helper: constant work per call.
 */
final class Recurrence {
    /** A detection at a time of day (+/- 2 h) that also had one 1, 2 or 7 days before is recurring: x0.5. */
    static final double RECURRING_FACTOR = 0.5;
    /**
     * Neighbourhood, in 5-minute bins either side (v4: 24 = +/- 2 h; v2/v3: 1 = +/- 5 min). Routine events (a nightly
     * job, a shift start, a market open) recur at about the same time of day, not in the same 5-minute bin.
     */
    static final int NEIGHBOUR_BINS = 24;
    /** Days looked back by {@link #daysWithDetections}. */
    static final int LOOKBACK_DAYS = 7;

    private Recurrence() {}

    /**
     * Remembers, per time-of-day bin, the days (last 32) with a detection. A detection in a bin
     * (or one within {@link #NEIGHBOUR_BINS} bins) that also had a detection 1, 2 or 7 days earlier is a routine event of this series
     * (a nightly job, a weekly report), not a new anomaly: its score is halved (no alert, no NAB detection).
     * The point-wise channels share one memory; drift pulses have their own (a pulse at the same time every day is
     * the daily profile having learned a past incident, not a new drift). Stuck is exempt (a state, not an event).
     * The neighbourhood runs across midnight by elapsed time (v7; before, at 00:30 a detection at 23:30 the evening
     * before counted as a day earlier).
     */
    static double apply(long t, double score, long[] days, int[] masks) {
        int b = bin(t, days.length);
        long day = Math.floorDiv(t, SeasonalProfile.DAY_MS);
        boolean recurring = detectedAround(days, masks, b, day, 1) || detectedAround(days, masks, b, day, 2)
                || detectedAround(days, masks, b, day, 7);
        long shift = day - days[b];
        if (shift != 0) {
            masks[b] = shift > 0 && shift < 32 ? masks[b] << shift : 0;
            days[b] = day;
        }
        masks[b] |= 1;
        return recurring ? score * RECURRING_FACTOR : score;
    }

    /**
     * Of the last {@link #LOOKBACK_DAYS} days before {@code t}, how many had a detection within {@link #NEIGHBOUR_BINS}
     * bins of its time of day (see {@link #detectedAround}). Read-only; up to 7 x 49 bin reads (call it for records
     * only).
     */
    static int daysWithDetections(long t, long[] days, int[] masks) {
        int b = bin(t, days.length);
        long day = Math.floorDiv(t, SeasonalProfile.DAY_MS);
        int count = 0;
        for (int back = 1; back <= LOOKBACK_DAYS; back++) {
            if (detectedAround(days, masks, b, day, back)) count++;
        }
        return count;
    }

    /** The time-of-day bin of {@code t}. */
    private static int bin(long t, int bins) {
        return (int) (Math.floorMod(t, SeasonalProfile.DAY_MS) * bins / SeasonalProfile.DAY_MS);
    }

    /**
     * True if a bin within {@link #NEIGHBOUR_BINS} of bin {@code b} on epoch day {@code day} had a detection
     * {@code back} days earlier, by elapsed time: a neighbour before midnight belongs to the calendar day before, one
     * after it to the next (at 00:30 the 23:30 bin of the evening before is an hour earlier, not a day).
     */
    private static boolean detectedAround(long[] days, int[] masks, int b, long day, int back) {
        int bins = days.length;
        for (int k = -NEIGHBOUR_BINS; k <= NEIGHBOUR_BINS; k++) {
            int j = b + k;
            if (detectedOn(days, masks, Math.floorMod(j, bins), day + Math.floorDiv(j, bins) - back)) return true;
        }
        return false;
    }

    /** True if time-of-day bin {@code bin} had a detection on epoch day {@code day} (last 32 days remembered). */
    private static boolean detectedOn(long[] days, int[] masks, int bin, long day) {
        long k = days[bin] - day;
        return k >= 0 && k < 32 && (masks[bin] & (1 << k)) != 0;
    }
}
