package io.homepot.scoring.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Novelty-of-pattern channel (in the spirit of contextual anomaly detectors such as CAD-OSE): each value is
 * quantised against the series' own long-run level and spread into {@code 2 x BINS + 1} bins; the last
 * {@code CONTEXT} quantised values form a context whose occurrences are counted in a fixed table
 * ({@code (2 x BINS + 1)^CONTEXT} = 343 counters). The raw surprise of a point is {@code 1 / (1 + times its context
 * was seen before)}; its short mean is scored, like the fast channel, by its Gaussian tail probability against its
 * own long-run mean and variance. A series that moves into a shape or range it has never visited scores high,
 * whatever the size of the step; a series that keeps visiting new contexts (noise) calibrates itself down.
 * Fixed memory, O(1) per point; scores before it learns from the point.
 */
final class ContextNovelty {
    static final int BINS = 3;          // bins -3..3 (in robust sigmas of the value around its long-run level)
    static final int CONTEXT = 3;       // values per context
    static final int SHORT = 8;         // points averaged into the recent surprise
    static final int LEVEL_MEMORY = 1000;
    static final int LONG_MEMORY = 3000;
    private static final int WIDTH = 2 * BINS + 1;
    private static final int TABLE = WIDTH * WIDTH * WIDTH;

    private final int[] counts = new int[TABLE];
    private final double[] ring = new double[SHORT];
    private long n;            // values seen
    private double mean, absDev; // long-run level and mean absolute deviation of the value
    private int ctx;           // rolling context code (base WIDTH digits of the last CONTEXT bins)
    private int ringPos;
    private double ringSum;
    private double lrMean, lrVar;
    private long lrN;

    /** Scores {@code x} against the contexts seen so far, then learns it. Returns a score in [0, 1). */
    double update(double x) {
        int q = 0;
        if (n > 10) {
            double sd = 1.2533 * absDev + 1e-9 * Math.max(1.0, Math.abs(mean));
            double b = Math.floor((x - mean) / sd);
            q = (int) Math.max(-BINS, Math.min(BINS, b));
        }
        ctx = (ctx * WIDTH + q + BINS) % TABLE;
        double raw = 0.0;
        if (n >= CONTEXT - 1) {
            int c = counts[ctx];
            raw = 1.0 / (1.0 + c);
            if (c < Integer.MAX_VALUE) counts[ctx] = c + 1;
        }
        ringSum += raw - ring[ringPos];
        ring[ringPos] = raw;
        ringPos = (ringPos + 1) % SHORT;
        double avg = ringSum / SHORT;
        double score = 0.0;
        if (lrN > 100) {
            double sd = Math.max(Math.sqrt(lrVar), 0.02 + 0.1 * lrMean);
            score = Tail.surprise(Tail.negLogQ((avg - lrMean) / sd));
        }
        double a = Math.max(1.0 / (lrN + 1), 1.0 / LONG_MEMORY);
        double d = avg - lrMean;
        lrMean += a * d;
        lrVar = (1 - a) * (lrVar + a * d * d);
        lrN++;
        if (n == 0) {
            mean = x;
        } else {
            double a2 = Math.max(1.0 / (n + 1), 1.0 / LEVEL_MEMORY);
            mean += a2 * (x - mean);
            absDev += a2 * (Math.abs(x - mean) - absDev);
        }
        n++;
        return score;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(n); out.writeDouble(mean); out.writeDouble(absDev); out.writeInt(ctx);
        out.writeInt(ringPos); out.writeDouble(ringSum);
        for (double v : ring) out.writeDouble(v);
        out.writeDouble(lrMean); out.writeDouble(lrVar); out.writeLong(lrN);
        for (int c : counts) out.writeInt(c);
    }

    void read(DataInputStream in) throws IOException {
        n = in.readLong(); mean = in.readDouble(); absDev = in.readDouble(); ctx = in.readInt();
        ringPos = in.readInt(); ringSum = in.readDouble();
        for (int i = 0; i < ring.length; i++) ring[i] = in.readDouble();
        lrMean = in.readDouble(); lrVar = in.readDouble(); lrN = in.readLong();
        for (int i = 0; i < counts.length; i++) counts[i] = in.readInt();
        if (ctx < 0 || ctx >= TABLE || ringPos < 0 || ringPos >= SHORT) throw new IOException("bad novelty state");
    }
}
