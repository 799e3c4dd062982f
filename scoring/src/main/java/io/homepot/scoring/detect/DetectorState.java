package io.homepot.scoring.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * All mutable state of one {@link StreamingDetector}, plus its binary codec. Fixed size: a handful of scalars,
 * the short error window, the daily and weekly profiles, the novelty, shape and recurrence tables.
 */
final class DetectorState {
    static final int MAGIC = 0x48505344; // "HPSD"
    /**
     * v2 added the novelty/shape/recurrence state, v3 the alert range gate, v4 the drift corroboration and the
     * saturation counters, v5 the seasonal corroboration and the time of the last close, v6 the weekly profile, the
     * time of the first point and the share of repeats in normal runs, v7 the routine-record gate; v1-v6 snapshots
     * still load.
     */
    static final int VERSION = 7;
    /** Weekly profile (v6): 336 half-hour buckets, moving 15 % per week, used once a bucket has seen 2 weeks. */
    static final int WEEK_BUCKETS = 336;
    static final double WEEK_ALPHA = 0.15;
    static final int WEEK_MIN_WEEKS = 2;

    long n;                       // finite points seen
    long lastT = Long.MIN_VALUE;  // timestamp of the last finite point
    double interval;              // typical sampling interval (ms), EWMA
    double last;                  // last finite value
    double level;                 // short-term EWMA level
    double madNaive, madLevel, madSeason;
    long nNaive, nLevel, nSeason;
    final double[] ring;          // recent raw errors
    int ringPos, ringCount;
    double ringSum;
    double lrMean, lrVar;         // long-run distribution of the recent-error average
    long lrN;
    double sEw, sMean, sVar;       // seasonal-residual channel: EWMA of |z| and its long-run distribution
    long sN;
    double recMax;                // decaying maximum of the recent-error average
    long runLen;                  // current run of identical values
    long changes;                 // number of value changes seen
    long maxRun;                  // longest run seen outside stuck episodes
    double driftMean, driftMad;   // slow residual mean vs the profile, and its long-run scale
    long driftN;
    boolean driftFired;           // drift pulse emitted, waiting to re-arm
    boolean alert;
    int below;                    // consecutive points below the clear threshold while alerting
    long sinceOpen = Long.MAX_VALUE / 2; // points since the last incident opened
    long sinceDetect = Long.MAX_VALUE / 2; // points since the last detection (score damping)
    int persist;                  // consecutive points with |deviation| >= 3 sigma
    double rangeLo = Double.NaN, rangeHi = Double.NaN; // all-time range of the value (v3)
    double devRecord;             // all-time maximum |deviation from the daily profile| in robust sigmas (v3)
    long sinceEvidence = Long.MAX_VALUE / 2; // points since the last score >= detectLevel (v3)
    double driftBulk;             // slow mean of the profile residual clipped at 2 robust sigmas (v4)
    long sinceDriftPulse = Long.MAX_VALUE / 2; // points since the last drift pulse (v4)
    long loCount, hiCount;        // points at the all-time minimum / maximum since it was set (v4)
    long sinceDevRecord = Long.MAX_VALUE / 2; // points since the deviation from the profile beat its record (v5)
    long sinceSeasonal = Long.MAX_VALUE / 2;  // points since the seasonal channel reached detectLevel (v5)
    long closedAt = Long.MAX_VALUE / 2;       // timestamp (ms) at which the last incident closed; none yet (v5)
    long firstT = Long.MIN_VALUE;             // timestamp of the first finite point; MIN_VALUE = unknown (v6)
    long normalRepeats, normalSteps;          // repeats and transitions in the runs learned as normal (v6)
    long sinceNonRoutine = Long.MAX_VALUE / 2; // points since a detection the recurrence discount left standing (v7)
    boolean devRecordRoutine;                 // the latest deviation record was routine (v7) or held back (v8)
    final SeasonalProfile profile;
    final SeasonalProfile week = new SeasonalProfile(WEEK_BUCKETS, WEEK_ALPHA, WEEK_MIN_WEEKS, SeasonalProfile.WEEK_MS);
    final ContextNovelty novelty = new ContextNovelty();
    final ShapeNovelty shape = new ShapeNovelty();
    final long[] recurDay = new long[RECUR_BINS]; // per 5-minute time-of-day bin: last day (epoch day) with a detection
    final int[] recurMask = new int[RECUR_BINS];  // bit k: a detection on recurDay - k
    final long[] driftRecurDay = new long[RECUR_BINS]; // the same for drift pulses
    final int[] driftRecurMask = new int[RECUR_BINS];
    static final int RECUR_BINS = 288;

    DetectorState(DetectorConfig c) {
        ring = new double[c.shortWindow()];
        profile = new SeasonalProfile(c.seasonBuckets(), c.seasonDayAlpha(), c.seasonMinDays());
        java.util.Arrays.fill(recurDay, Long.MIN_VALUE / 2);
        java.util.Arrays.fill(driftRecurDay, Long.MIN_VALUE / 2);
    }

    byte[] encode(DetectorConfig c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32768);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeConfig(out, c);
            out.writeLong(n); out.writeLong(lastT); out.writeDouble(interval); out.writeDouble(last);
            out.writeDouble(level);
            out.writeDouble(madNaive); out.writeDouble(madLevel); out.writeDouble(madSeason);
            out.writeLong(nNaive); out.writeLong(nLevel); out.writeLong(nSeason);
            for (double v : ring) out.writeDouble(v);
            out.writeInt(ringPos); out.writeInt(ringCount); out.writeDouble(ringSum);
            out.writeDouble(lrMean); out.writeDouble(lrVar); out.writeLong(lrN); out.writeDouble(recMax);
            out.writeDouble(sEw); out.writeDouble(sMean); out.writeDouble(sVar); out.writeLong(sN);
            out.writeLong(runLen); out.writeLong(changes); out.writeLong(maxRun);
            out.writeDouble(driftMean); out.writeDouble(driftMad); out.writeLong(driftN); out.writeBoolean(driftFired);
            out.writeBoolean(alert); out.writeInt(below); out.writeLong(sinceOpen); out.writeInt(persist);
            out.writeLong(sinceDetect);
            profile.write(out);
            novelty.write(out);
            for (long d : recurDay) out.writeLong(d);
            for (int m : recurMask) out.writeInt(m);
            for (long d : driftRecurDay) out.writeLong(d);
            for (int m : driftRecurMask) out.writeInt(m);
            shape.write(out);
            out.writeDouble(rangeLo); out.writeDouble(rangeHi); out.writeDouble(devRecord);
            out.writeLong(sinceEvidence);
            out.writeDouble(driftBulk); out.writeLong(sinceDriftPulse); out.writeLong(loCount); out.writeLong(hiCount);
            out.writeLong(sinceDevRecord); out.writeLong(sinceSeasonal); out.writeLong(closedAt);
            week.write(out);
            out.writeLong(firstT); out.writeLong(normalRepeats); out.writeLong(normalSteps);
            out.writeLong(sinceNonRoutine); out.writeBoolean(devRecordRoutine);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StreamingDetector decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readInt() != MAGIC) throw new IllegalArgumentException("not a detector snapshot (bad magic)");
            int version = in.readInt();
            if (version < 1 || version > VERSION) throw new IllegalArgumentException("unsupported snapshot version " + version);
            DetectorConfig c = readConfig(in, version);
            StreamingDetector d = new StreamingDetector(c);
            DetectorState s = d.state();
            s.n = in.readLong(); s.lastT = in.readLong(); s.interval = in.readDouble(); s.last = in.readDouble();
            s.level = in.readDouble();
            s.madNaive = in.readDouble(); s.madLevel = in.readDouble(); s.madSeason = in.readDouble();
            s.nNaive = in.readLong(); s.nLevel = in.readLong(); s.nSeason = in.readLong();
            for (int i = 0; i < s.ring.length; i++) s.ring[i] = in.readDouble();
            s.ringPos = in.readInt(); s.ringCount = in.readInt(); s.ringSum = in.readDouble();
            s.lrMean = in.readDouble(); s.lrVar = in.readDouble(); s.lrN = in.readLong(); s.recMax = in.readDouble();
            s.sEw = in.readDouble(); s.sMean = in.readDouble(); s.sVar = in.readDouble(); s.sN = in.readLong();
            s.runLen = in.readLong(); s.changes = in.readLong(); s.maxRun = in.readLong();
            s.driftMean = in.readDouble(); s.driftMad = in.readDouble(); s.driftN = in.readLong(); s.driftFired = in.readBoolean();
            s.alert = in.readBoolean(); s.below = in.readInt(); s.sinceOpen = in.readLong(); s.persist = in.readInt();
            s.sinceDetect = in.readLong();
            s.profile.read(in);
            if (version >= 2) {
                s.novelty.read(in);
                for (int i = 0; i < s.recurDay.length; i++) s.recurDay[i] = in.readLong();
                for (int i = 0; i < s.recurMask.length; i++) s.recurMask[i] = in.readInt();
                for (int i = 0; i < s.driftRecurDay.length; i++) s.driftRecurDay[i] = in.readLong();
                for (int i = 0; i < s.driftRecurMask.length; i++) s.driftRecurMask[i] = in.readInt();
                s.shape.read(in);
            }
            if (version >= 3) {
                s.rangeLo = in.readDouble(); s.rangeHi = in.readDouble(); s.devRecord = in.readDouble();
                s.sinceEvidence = in.readLong();
            }
            if (version >= 4) {
                s.driftBulk = in.readDouble(); s.sinceDriftPulse = in.readLong();
                s.loCount = in.readLong(); s.hiCount = in.readLong();
            }
            if (version >= 5) {
                s.sinceDevRecord = in.readLong(); s.sinceSeasonal = in.readLong(); s.closedAt = in.readLong();
            }
            if (version >= 6) {
                s.week.read(in);
                s.firstT = in.readLong(); s.normalRepeats = in.readLong(); s.normalSteps = in.readLong();
            }
            if (version >= 7) {
                s.sinceNonRoutine = in.readLong(); s.devRecordRoutine = in.readBoolean();
            } else {
                s.sinceNonRoutine = s.sinceEvidence; // older states: the last detection counts as not routine (v6 rule)
            }
            if (in.available() != 0) throw new IllegalArgumentException("trailing bytes in snapshot");
            return d;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt detector snapshot", e);
        }
    }

    private static void writeConfig(DataOutputStream out, DetectorConfig c) throws IOException {
        out.writeInt(c.warmupPoints()); out.writeDouble(c.levelAlpha()); out.writeInt(c.scaleMemory());
        out.writeInt(c.shortWindow()); out.writeInt(c.seasonalWindow()); out.writeInt(c.longMemory());
        out.writeInt(c.recordMemory()); out.writeInt(c.seasonBuckets()); out.writeDouble(c.seasonDayAlpha());
        out.writeInt(c.seasonMinDays()); out.writeDouble(c.detectLevel()); out.writeInt(c.dampPoints());
        out.writeDouble(c.alertThreshold()); out.writeDouble(c.clearThreshold()); out.writeInt(c.clearPoints());
        out.writeInt(c.cooldownPoints()); out.writeInt(c.stuckMinPoints()); out.writeDouble(c.stuckFactor());
        out.writeDouble(c.driftHours()); out.writeDouble(c.driftSigma()); out.writeDouble(c.gapFactor());
        out.writeInt(c.alertEvidencePoints());
    }

    /** Reads the configuration block; before v3 it had no {@code alertEvidencePoints} (the default is used). */
    private static DetectorConfig readConfig(DataInputStream in, int version) throws IOException {
        int warmup = in.readInt(); double levelAlpha = in.readDouble(); int scaleMemory = in.readInt();
        int shortWindow = in.readInt(); int seasonalWindow = in.readInt(); int longMemory = in.readInt();
        int recordMemory = in.readInt(); int seasonBuckets = in.readInt(); double seasonDayAlpha = in.readDouble();
        int seasonMinDays = in.readInt(); double detectLevel = in.readDouble(); int dampPoints = in.readInt();
        double alertThreshold = in.readDouble(); double clearThreshold = in.readDouble(); int clearPoints = in.readInt();
        int cooldownPoints = in.readInt(); int stuckMinPoints = in.readInt(); double stuckFactor = in.readDouble();
        double driftHours = in.readDouble(); double driftSigma = in.readDouble(); double gapFactor = in.readDouble();
        int evidence = version >= 3 ? in.readInt() : DetectorConfig.defaults().alertEvidencePoints();
        return new DetectorConfig(warmup, levelAlpha, scaleMemory, shortWindow, seasonalWindow, longMemory,
                recordMemory, seasonBuckets, seasonDayAlpha, seasonMinDays, detectLevel, dampPoints, alertThreshold,
                clearThreshold, clearPoints, cooldownPoints, stuckMinPoints, stuckFactor, driftHours, driftSigma,
                gapFactor, evidence);
    }
}
