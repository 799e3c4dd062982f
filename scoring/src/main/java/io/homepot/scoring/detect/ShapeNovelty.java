package io.homepot.scoring.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Novelty of the recent shape: the last {@link #W} values, normalised by the series' long-run level and spread,
 * are compared with a bounded reservoir of earlier windows ({@link #R} windows, one stored every {@link #INSERT}
 * points, i.e. the last {@code R x INSERT} points of history); the distance to the nearest one (mean absolute
 * difference, in robust sigmas) is the raw surprise, scored by its Gaussian tail probability against its own
 * long-run mean and variance. Catches a changed pattern (new oscillation, new plateau, changed rhythm) that
 * point-wise errors miss. Fixed memory ({@code R x W} floats), at most {@code R x W} operations per point (nearest
 * neighbour search with early abandoning).
 */
final class ShapeNovelty {
    static final int W = 8;
    static final int R = 256;
    static final int INSERT = 8;
    static final int LEVEL_MEMORY = 1000;
    static final int LONG_MEMORY = 3000;
    private static final double CLIP = 10.0;

    private final float[] reservoir = new float[R * W];
    private final double[] resMean = new double[R];   // mean of each stored window (lower bound for pruning)
    private final double[] recent = new double[W];
    private final double[] window = new double[W];
    private int recentPos;
    private long n;
    private double mean, absDev;
    private long stored;
    private double lrMean, lrVar;
    private long lrN;
    private double last;
    private int hint;           // index of the last nearest window (search order only; not part of the state)

    /** Scores the window ending at {@code x} against the reservoir, then learns it. Returns a score in [0, 1). */
    double update(double x) {
        double u = 0.0;
        if (n > 10) {
            double sd = 1.2533 * absDev + 1e-9 * Math.max(1.0, Math.abs(mean));
            u = Math.max(-CLIP, Math.min(CLIP, (x - mean) / sd));
        }
        recent[recentPos] = u;
        recentPos = (recentPos + 1) % W;
        double out = 0.0;
        if (n >= W - 1) {
            for (int j = 0; j < W; j++) window[j] = recent[(recentPos + j) % W];
            if (stored >= 8) {
                double best = nearest((int) Math.min(stored, R));
                double score = 0.0;
                if (lrN > 50) {
                    double sd = Math.max(Math.sqrt(lrVar), 0.02 + 0.1 * lrMean);
                    score = Tail.surprise(Tail.negLogQ((best - lrMean) / sd));
                }
                double a = Math.max(1.0 / (lrN + 1), 1.0 / LONG_MEMORY);
                double d = best - lrMean;
                lrMean += a * d;
                lrVar = (1 - a) * (lrVar + a * d * d);
                lrN++;
                last = score;
            }
            out = last;
            if (n % INSERT == 0) {
                int base = (int) (stored % R) * W;
                double m = 0.0;
                for (int j = 0; j < W; j++) {
                    reservoir[base + j] = (float) window[j];
                    m += reservoir[base + j];
                }
                resMean[(int) (stored % R)] = m / W;
                stored++;
            }
        }
        if (n == 0) {
            mean = x;
        } else {
            double a2 = Math.max(1.0 / (n + 1), 1.0 / LEVEL_MEMORY);
            mean += a2 * (x - mean);
            absDev += a2 * (Math.abs(x - mean) - absDev);
        }
        n++;
        return out;
    }

    /**
     * Mean absolute difference of the current window to its nearest stored window. A stored window whose mean differs
     * from the current one by at least the best distance so far cannot be nearer (|mean(a - b)| <= mean|a - b|), so
     * it is skipped without comparing its points.
     */
    private double nearest(int count) {
        double cur = 0.0;
        for (int j = 0; j < W; j++) cur += window[j];
        cur /= W;
        int start = hint < count ? hint : 0;  // last match first: consecutive windows are alike, so pruning bites early
        double best = distance(start);
        for (int k = 0; k < count; k++) {
            if (k == start || Math.abs(resMean[k] - cur) >= best) continue;
            double d = distance(k);
            if (d < best) {
                best = d;
                hint = k;
            }
        }
        return best;
    }

    private double distance(int k) {
        int base = k * W;
        double sum = 0.0;
        for (int j = 0; j < W; j++) sum += Math.abs(reservoir[base + j] - window[j]);
        return sum / W;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(n); out.writeDouble(mean); out.writeDouble(absDev); out.writeInt(recentPos);
        for (double v : recent) out.writeDouble(v);
        out.writeLong(stored); out.writeDouble(lrMean); out.writeDouble(lrVar); out.writeLong(lrN);
        out.writeDouble(last);
        int used = (int) Math.min(stored, R) * W;
        for (int i = 0; i < used; i++) out.writeFloat(reservoir[i]);
    }

    void read(DataInputStream in) throws IOException {
        n = in.readLong(); mean = in.readDouble(); absDev = in.readDouble(); recentPos = in.readInt();
        if (recentPos < 0 || recentPos >= W) throw new IOException("bad shape state");
        for (int i = 0; i < W; i++) recent[i] = in.readDouble();
        stored = in.readLong(); lrMean = in.readDouble(); lrVar = in.readDouble(); lrN = in.readLong();
        last = in.readDouble();
        if (stored < 0) throw new IOException("bad shape state");
        int used = (int) Math.min(stored, R) * W;
        for (int i = 0; i < used; i++) reservoir[i] = in.readFloat();
        for (int k = 0; k < used / W; k++) {
            double m = 0.0;
            for (int j = 0; j < W; j++) m += reservoir[k * W + j];
            resMean[k] = m / W;
        }
    }
}
