package io.homepot.scoring.detect;

import java.util.Objects;

/**
 * Streaming anomaly detector for one (device, metric) series.
 *
 * <p>Each point is seen once, in time order; memory and work per point are constant (about 27 KB of state).
 * Predictors: the last value, a short EWMA level and a daily (time-of-day) profile. Channels:</p>
 * <ul>
 *   <li><b>fast</b>: the smaller of the last-value and level errors, in robust sigmas, averaged over
 *       {@code shortWindow} points; scored by its Gaussian tail probability against its own long-run mean/variance
 *       (like Numenta's anomaly likelihood), combined (geometric mean) with how far it exceeds its decaying
 *       record, so that only errors unlike anything seen recently score high;</li>
 *   <li><b>seasonal</b>: the error against the daily profile, EWMA over {@code seasonalWindow} points, scored
 *       by its tail probability against its long run (catches a missing peak, a holiday, a level change);</li>
 *   <li><b>stuck</b>: a run of identical values much longer than any seen in normal operation;</li>
 *   <li><b>drift</b>: the slow (hours) mean of the profile residual leaves its long-run range (one pulse);</li>
 *   <li><b>novelty</b>: the recent pattern of quantised values (a context) has rarely or never been seen before
 *       ({@link ContextNovelty}), scored by its tail probability against its own long run;</li>
 *   <li><b>shape</b>: the recent window is far from every window in a bounded reservoir of earlier ones
 *       ({@link ShapeNovelty}), scored the same way.</li>
 * </ul>
 * <p>The score is the maximum of the channels, in [0, 1). A value beyond the all-time range of the series (once
 * {@code scaleMemory} points have formed it) with a channel score of at least 0.2 counts as a detection too. After a
 * detection ({@code detectLevel}) the score is damped for {@code dampPoints} points so it is high at the onset of an
 * anomaly, not for its whole duration.</p>
 * <p>An incident (alert) needs strict evidence: within {@code alertEvidencePoints} of a detection, the value leaves
 * the all-time range of the series or its deviation from the daily profile exceeds every earlier one (once the profile
 * has been compared {@code scaleMemory} times); or a stuck sensor scores {@code alertThreshold} (not at a saturation
 * value the series often holds: idle, not frozen); or a drift pulse is corroborated within
 * {@code alertEvidencePoints} by a shift of the bulk of the residuals (v4). The deviation-record and drift paths also
 * need the seasonal channel to reach {@code detectLevel} within {@code alertEvidencePoints} (v5: the deviation is unusual
 * for this series at the channel's 16-point time scale, not one burst of a bursty series). A burst like the bursts the
 * series has already shown scores (it is a detection) but opens no incident. It stays open until the score has been below
 * {@code clearThreshold} for {@code clearPoints} points (and the sensor is no longer stuck), and no new incident opens
 * within {@code cooldownPoints} of the previous opening unless the previous incident has been closed for 6 h of data
 * time (v5; at 1-minute sampling the points always end first).</p>
 *
 * <p>v6: where the daily profile has an edge (a scheduled step), the bucket mean or the interpolated profile, whichever
 * is nearer the value, is expected; the seasonal channel also accepts the bucket mean and a weekly profile (weekday and
 * weekend schedules) as expectations; and a run of repeats is stuck only once a run that long is improbable for the
 * share of repeats the series shows (coarse sensors repeat often). Snapshot format v6 (adds the weekly profile).</p>
 *
 * <p>v7: a value beyond the all-time range by 2 robust sigmas and a tenth of the range's width (scoring at least 0.2,
 * once the range has had {@code scaleMemory} points) is evidence by itself (no detection needed); a record (range or
 * deviation) set at a time of day that had detections on 2 of the last 7 days is routine unless a detection survived
 * the recurrence discount within {@code alertEvidencePoints} (a nightly job that runs a little higher, a scheduled
 * step). Snapshot format v7.</p>
 *
 * <p>v8: in a series' first week ({@link #PATTERN_HISTORY_MILLIS}; before every weekday has been seen once) a record
 * (range or deviation) or a drift pulse during a deviation that began at a <em>missed scheduled step</em> (the profile
 * steps there and the value stays at the level before the step: an office fan left at night speed on its first
 * Saturday) is held back like a routine record; a clear range break is not. And at a routine time of day (v7) a
 * clear deviation record (1.5 times the previous one) is not held back, like a clear range break: a scheduled step that
 * does not come after the first week is an incident even though the step itself made that time routine. No state was
 * added.</p>
 *
 * <p>Not thread-safe: one instance per series, or synchronise externally.</p>
 */
public final class StreamingDetector {
    private static final double MAD_TO_SIGMA = 1.2533;
    private static final double Z_CAP = 100.0;
    private static final double SD_FLOOR_ABS = 0.1;
    private static final double SD_FLOOR_REL = 0.1;
    private static final double DAMP = 0.1;
    private static final double DRIFT_NOISE_FLOOR = 0.25;
    /** Profile residuals enter the drift mean clipped at this many robust sigmas (isolated spikes are not drift). */
    private static final double DRIFT_CLIP = 6.0;
    /**
     * A value beyond the all-time range (once the range has had {@code scaleMemory} points to form) counts as a
     * detection when the channels give it at least this score: leaving everything the series has shown is evidence.
     */
    private static final double RANGE_MIN_SCORE = 0.2;
    /**
     * Drift corroboration (v4): the slow mean of the profile residuals clipped at this many robust sigmas. Its clip is
     * tight, so it moves only when the bulk of the points is off the profile, not when a few bursts pull the mean.
     */
    private static final double DRIFT_BULK_CLIP = 2.0;
    /** A drift pulse opens an incident only if that bulk mean reaches this many robust sigmas (v4). */
    private static final double DRIFT_BULK_SIGMA = 1.0;
    /**
     * A run at the all-time minimum or maximum of a series that has sat there for at least this fraction of its points
     * (0 = idle, 100 % = full) is a saturated or idle state, not a frozen sensor: it scores but opens no incident (v4).
     */
    private static final double IDLE_FRACTION = 0.05;
    /**
     * Cooldown in data time (v5): besides {@code cooldownPoints} after the previous opening, a new incident may open once
     * the previous one has been closed for this long. At the appliance's 1-minute sampling 360 points (6 h from the
     * opening) always come first, so nothing changes there; at 5-minute sampling 360 points are 30 h and at hourly
     * sampling 15 days, which hid separate incidents.
     */
    private static final long COOLDOWN_QUIET_MS = 6L * 3_600_000L;
    /**
     * A run of repeated values is stuck only if a run that long would happen by chance with less than this probability
     * (v6), given the series' share of repeats: for a quantised sensor that repeats 26 % of its values, 12 points.
     */
    private static final double STUCK_CHANCE = 1e-6;
    /**
     * The profile has an edge at a point when its bucket mean and its interpolated value differ by more than this many
     * robust sigmas of the profile error (v6): a scheduled step, not the slope of a smooth daily cycle.
     */
    private static final double EDGE_SIGMA = 3.0;
    /**
     * A value beyond the all-time range by this many robust sigmas and by {@link #RANGE_BREAK_WIDTH} of the range's
     * width, scoring at least {@link #RANGE_MIN_SCORE}, is evidence for an incident without a detection (v7), at any
     * time of day: a clear break out of everything the series has shown. A record set by a hair still needs a detection.
     */
    private static final double RANGE_BREAK_SIGMA = 2.0;
    /** See {@link #RANGE_BREAK_SIGMA}: the break must also reach this fraction of the all-time range's width. */
    private static final double RANGE_BREAK_WIDTH = 0.1;
    /**
     * A deviation record at least this many times the previous one is clear (v8) and, like a clear range break, not held
     * back at a routine time of day: a scheduled step that does not come (x1.8-1.9 at its onset), not a routine event
     * that deviates a little more than before (a nightly job: x1.00-1.14).
     */
    private static final double DEV_RECORD_CLEAR = 1.5;
    /**
     * A record (range or deviation) set at a time of day that had detections on at least this many of the last 7 days
     * is routine (v7: a nightly job that runs a little higher, a scheduled step), unless a detection the recurrence
     * discount left standing came within {@code alertEvidencePoints}.
     */
    private static final int ROUTINE_DAYS = 2;
    /**
     * A series' first week of data (v8): until every weekday has been seen once, a scheduled step that does not come (a
     * weekend schedule) is not yet an incident (the class comment, v8).
     */
    private static final long PATTERN_HISTORY_MILLIS = 7L * 86_400_000L;
    /** Weight of the novelty-of-pattern channel (it adds detections of shape/range changes, not of noise). */
    private static final double NOVELTY_WEIGHT = 0.8;
    /** Weight of the shape-novelty channel (nearest-neighbour distance of the recent window shape). */
    private static final double SHAPE_WEIGHT = 0.9;

    private final DetectorConfig cfg;
    private final DetectorState s;
    /** {@link #stuckAt}'s chance bound, derived from the state; recomputed when {@code normalSteps} moves. */
    private long chanceBoundSteps = -1;
    private double chanceBound;

    /** New detector with no history. */
    public StreamingDetector(DetectorConfig config) {
        this.cfg = Objects.requireNonNull(config, "config");
        this.s = new DetectorState(config);
    }

    DetectorState state() { return s; }

    /** The configuration this detector runs with. */
    public DetectorConfig config() { return cfg; }

    /** Number of finite points learned so far. */
    public long pointsSeen() { return s.n; }

    /**
     * Data time from the first finite point to the latest one, ms: 0 before the second point, {@link Long#MAX_VALUE}
     * after restoring a snapshot older than v6 (which did not record the first point: a series that old has history).
     */
    public long historyMillis() {
        if (s.n == 0) return 0;
        return s.firstT == Long.MIN_VALUE ? Long.MAX_VALUE : s.lastT - s.firstT;
    }

    /**
     * Scores one point, then learns from it (the point never predicts itself; no look-ahead).
     *
     * @param epochMillis timestamp (UTC ms); should not decrease (an earlier timestamp does not move the clock back)
     * @param value       measurement; NaN or infinite means "missing": state unchanged, kind {@code DROPOUT}
     * @return score, alert state, expected value, deviation and kind for this point
     */
    public DetectorResult update(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            return new DetectorResult(0.0, s.alert, false, expectedAt(epochMillis), Double.NaN, AnomalyKind.DROPOUT);
        }
        boolean first = s.n == 0;
        long dt = first ? 0 : Math.max(0, epochMillis - s.lastT);
        boolean gap = !first && s.n > 2 && dt > cfg.gapFactor() * s.interval;
        double floor = 1e-9 * Math.max(1.0, Math.abs(s.level));

        // ---- errors of the predictions made before seeing the value, in robust sigmas
        double pSmooth = s.profile.predict(epochMillis);        // the drift channel's reference (a slow mean)
        double pStep = s.profile.predictStep(epochMillis);      // the half-hour bucket's own mean
        double pSeason = nearerProfileValue(value, pSmooth, pStep);
        double zFast = Double.POSITIVE_INFINITY;
        if (!first && !gap && s.nNaive >= 5) zFast = Math.abs(value - s.last) / (MAD_TO_SIGMA * s.madNaive + floor);
        if (!first && !gap && s.nLevel >= 5) {
            zFast = Math.min(zFast, Math.abs(value - s.level) / (MAD_TO_SIGMA * s.madLevel + floor));
        }
        if (zFast == Double.POSITIVE_INFINITY) zFast = 0.0;
        double zSeason = Double.NaN;
        if (!Double.isNaN(pSeason) && s.nSeason >= 5) {
            zSeason = Math.abs(value - pSeason) / (MAD_TO_SIGMA * s.madSeason + floor);
        }

        double fast = fastChannel(Math.min(zFast, Z_CAP));
        double seasonal = Double.isNaN(zSeason) ? 0.0
                : seasonalChannel(Math.min(Math.min(zSeason, profileErrors(epochMillis, value, pStep, floor)), Z_CAP));
        boolean stuck = stuckChannel(first, value);
        boolean idle = stuck && atSaturation(value);
        double stuckScore = 0.0;
        if (stuck) {
            double at = stuckAt();
            stuckScore = Math.max(cfg.clearThreshold(), 0.95 - 0.5 * (s.runLen - at) / at);
        }
        double drift = driftChannel(value, pSmooth, dt, floor);
        double novelty = NOVELTY_WEIGHT * s.novelty.update(value);
        double shape = SHAPE_WEIGHT * s.shape.update(value);
        double pointwise = Math.max(Math.max(fast, seasonal), Math.max(novelty, shape));
        double pred = pointwise;
        if (pred >= cfg.detectLevel() && s.n >= cfg.warmupPoints()) pred = Recurrence.apply(epochMillis, pred, s.recurDay, s.recurMask);
        if (drift > 0) drift = Recurrence.apply(epochMillis, drift, s.driftRecurDay, s.driftRecurMask);
        // drift incident (v4): a pulse, corroborated within alertEvidencePoints by a shift of the bulk of the residuals
        s.sinceDriftPulse = drift >= cfg.alertThreshold() ? 0 : s.sinceDriftPulse + 1;
        // v8: a pulse in the first week, during a deviation that began at a missed scheduled step, is forgotten
        if (s.sinceDriftPulse == 0 && deviatesSinceMissedStep(epochMillis, value, zSeason, pStep)) {
            s.sinceDriftPulse = Long.MAX_VALUE / 2;
        }
        boolean driftShift = s.sinceDriftPulse <= cfg.alertEvidencePoints()
                && Math.signum(s.driftMean) * s.driftBulk >= DRIFT_BULK_SIGMA * (MAD_TO_SIGMA * s.madSeason + floor);

        double score = s.n < cfg.warmupPoints() ? 0.0 : Math.max(pred, Math.max(stuckScore, drift));

        // ---- range novelty: beyond everything the series has shown (its value range, or its deviation from the profile)
        // (v4: the deviation record counts once the profile has been compared scaleMemory times, like the range)
        boolean newValue = value > s.rangeHi || value < s.rangeLo;
        boolean devRecord = !Double.isNaN(zSeason) && zSeason > s.devRecord && s.nSeason >= cfg.scaleMemory();
        boolean clearDevRecord = devRecord && zSeason >= DEV_RECORD_CLEAR * s.devRecord;     // v8
        // v7: a break well beyond the old range (before this point widens it) is evidence by itself, at any hour
        boolean clearBreak = newValue && s.n >= cfg.scaleMemory() && pointwise >= RANGE_MIN_SCORE
                && isClearBreak(value, zSeason, floor);
        learnRange(value, zSeason);
        // evidence: a detection, before the recurrence discount (v7: except for a record at a routine time, below)
        boolean detected = score >= cfg.detectLevel() || (s.n >= cfg.warmupPoints() && pointwise >= cfg.detectLevel());
        s.sinceEvidence = detected ? 0 : s.sinceEvidence + 1;
        s.sinceNonRoutine = score >= cfg.detectLevel() ? 0 : s.sinceNonRoutine + 1; // after the recurrence discount
        // v5: the deviation record and a detection of the seasonal channel are remembered for alertEvidencePoints
        boolean sameDeviation = s.persist > s.sinceDevRecord;   // the deviation has lasted since the previous record
        s.sinceDevRecord = devRecord ? 0 : s.sinceDevRecord + 1;
        s.sinceSeasonal = seasonal >= cfg.detectLevel() ? 0 : s.sinceSeasonal + 1;
        if (newValue && s.n >= cfg.scaleMemory() && score >= RANGE_MIN_SCORE) score = Math.max(score, cfg.detectLevel());

        // ---- incident with hysteresis and cooldown, opened only on strict evidence
        int within = cfg.alertEvidencePoints();
        boolean sustained = s.sinceSeasonal <= within; // v5: the profile deviation is unusual at the 16-point scale too
        // v8: at a routine time a clear deviation record (or one in the same deviation as a record not held back) is not
        // held back, like a clear range break; in the first week a record in a deviation from a missed step is
        boolean clear = clearDevRecord || (devRecord && sameDeviation && !s.devRecordRoutine);
        boolean routine = (newValue || devRecord) && ((isRoutineRecord(epochMillis) && !clear)
                || deviatesSinceMissedStep(epochMillis, value, zSeason, pStep));
        if (devRecord) s.devRecordRoutine = routine;
        boolean evidence = (newValue && !routine && s.sinceEvidence <= within) || clearBreak
                || (s.sinceDevRecord <= within && s.sinceEvidence <= within && sustained && !s.devRecordRoutine)
                || (stuckScore >= cfg.alertThreshold() && !idle)
                || (driftShift && sustained);
        boolean started = false;
        s.sinceOpen++;
        if (s.alert) {
            s.below = score < cfg.clearThreshold() && !stuck ? s.below + 1 : 0;
            if (s.below >= cfg.clearPoints()) {
                s.alert = false;
                s.closedAt = epochMillis;
            }
        } else if ((s.sinceOpen > cfg.cooldownPoints() || epochMillis - s.closedAt >= COOLDOWN_QUIET_MS)
                && s.n >= cfg.warmupPoints() && evidence) {
            s.alert = true;
            started = true;
            s.below = 0;
            s.sinceOpen = 0;
        }
        // ---- damping: the score is high at the onset of an anomaly only
        s.sinceDetect++;
        double out = score;
        if (s.sinceDetect <= cfg.dampPoints()) out = score * DAMP;
        else if (score >= cfg.detectLevel()) s.sinceDetect = 0;

        // ---- expected value, deviation and kind
        double expected = !Double.isNaN(pSeason) ? pSeason : (first ? Double.NaN : s.level);
        double scale = !Double.isNaN(pSeason) ? s.madSeason : s.madLevel;
        double dev = Double.isNaN(expected) ? 0.0 : (value - expected) / (MAD_TO_SIGMA * scale + floor);
        s.persist = Math.abs(dev) >= 3 ? s.persist + 1 : 0;
        AnomalyKind kind = kindOf(score, stuckScore, drift, pred, gap);

        learn(epochMillis, value, dt, first, gap, pSeason);
        return new DetectorResult(out, s.alert, started, expected, dev, kind);
    }

    /**
     * A record (range or deviation) set now is routine (v7) if this time of day had detections on {@link #ROUTINE_DAYS}
     * of the last 7 days and no detection the recurrence discount left standing came within {@code alertEvidencePoints}.
     */
    private boolean isRoutineRecord(long epochMillis) {
        return s.sinceNonRoutine > cfg.alertEvidencePoints()
                && Recurrence.daysWithDetections(epochMillis, s.recurDay, s.recurMask) >= ROUTINE_DAYS;
    }

    /**
     * True in a series' first week (v8) if this point is >= 3 robust sigmas off the profile and the current deviation (the
     * run of such points, {@code persist}) began at a scheduled step that the value has not made: at the run's start the
     * profile's half-hour bucket and the one before it differ by more than {@link #EDGE_SIGMA} robust sigmas, the
     * profile has made the step by now (the mean of this point's bucket, {@code bucketNow}, is nearer the level after it),
     * and the value is nearer the level before the step and
     * within one step of it. The step may also be at the next boundary if that is within half a bucket (the interpolated
     * profile leans towards a step half a bucket early). The run's start is estimated from its length and the typical
     * sampling interval, so no state is needed.
     */
    private boolean deviatesSinceMissedStep(long t, double value, double zSeason, double bucketNow) {
        if (historyMillis() >= PATTERN_HISTORY_MILLIS || !(zSeason >= 3)) return false;   // this point deviates too
        long bucket = SeasonalProfile.DAY_MS / cfg.seasonBuckets();
        long start = t - (long) (s.persist * s.interval);
        long next = Math.floorDiv(start, bucket) * bucket + bucket;
        // the interpolated profile leans towards a step half a bucket early: the step may be at the next boundary
        for (long boundary : new long[] {start, next}) {
            if (boundary > start + bucket / 2) break;
            double after = s.profile.predictStep(boundary), before = s.profile.predictStep(boundary - bucket);
            if (Double.isNaN(before) || Double.isNaN(after)) continue;
            double step = Math.abs(after - before);
            if (step > EDGE_SIGMA * MAD_TO_SIGMA * s.madSeason
                    && Math.abs(bucketNow - after) < Math.abs(bucketNow - before)          // the profile has made the step
                    && Math.abs(value - before) < Math.abs(value - after) && Math.abs(value - before) < step) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if a value beyond the all-time range lies beyond it by {@link #RANGE_BREAK_SIGMA} robust sigmas of the
     * expectation in use and by {@link #RANGE_BREAK_WIDTH} of the range's width (a fresh range: false).
     */
    private boolean isClearBreak(double value, double zSeason, double floor) {
        double beyond = value > s.rangeHi ? value - s.rangeHi : value < s.rangeLo ? s.rangeLo - value : 0.0;
        double sigma = MAD_TO_SIGMA * (Double.isNaN(zSeason) ? s.madLevel : s.madSeason) + floor;
        return beyond >= RANGE_BREAK_SIGMA * sigma && beyond >= RANGE_BREAK_WIDTH * (s.rangeHi - s.rangeLo);
    }

    /**
     * Learns the all-time range of the value and the all-time largest deviation from the daily profile
     * ({@code zSeason}, robust sigmas; NaN before the profile is learned). A NaN range (fresh, or restored from a
     * snapshot older than v3) starts from this value.
     */
    private void learnRange(double value, double zSeason) {
        if (value == s.rangeLo) s.loCount++; else if (!(value >= s.rangeLo)) s.loCount = 1;
        if (value == s.rangeHi) s.hiCount++; else if (!(value <= s.rangeHi)) s.hiCount = 1;
        if (!(value >= s.rangeLo)) s.rangeLo = value;
        if (!(value <= s.rangeHi)) s.rangeHi = value;
        if (!Double.isNaN(zSeason)) s.devRecord = Math.max(s.devRecord, zSeason);
    }

    /**
     * True if {@code value} is the all-time minimum or maximum and the series has sat there for at least
     * {@link #IDLE_FRACTION} of its points (a pump at 0, a battery at 100 %): a run there is idle, not frozen.
     */
    private boolean atSaturation(double value) {
        return (value == s.rangeLo && s.loCount >= IDLE_FRACTION * s.n)
                || (value == s.rangeHi && s.hiCount >= IDLE_FRACTION * s.n);
    }

    /** Recent fast error vs its long run (tail probability) and vs its decaying record. */
    private double fastChannel(double raw) {
        s.ringSum += raw - s.ring[s.ringPos];
        s.ring[s.ringPos] = raw;
        s.ringPos = (s.ringPos + 1) % s.ring.length;
        if (s.ringCount < s.ring.length) s.ringCount++;
        double avg = s.ringSum / s.ringCount;
        double score = 0.0;
        if (s.lrN > 10) {
            double sd = Math.max(Math.sqrt(s.lrVar), SD_FLOOR_ABS + SD_FLOOR_REL * s.lrMean);
            double lik = Tail.surprise(Tail.negLogQ((avg - s.lrMean) / sd));
            double r = avg / (s.recMax + 1e-12);
            score = Math.sqrt(lik * (r * r / (r * r + 1.0)));
        }
        s.recMax = Math.max(avg, s.recMax * (1.0 - 1.0 / cfg.recordMemory()));
        double a = Math.max(1.0 / (s.lrN + 1), 1.0 / cfg.longMemory());
        double d = avg - s.lrMean;
        s.lrMean += a * d;
        s.lrVar = (1 - a) * (s.lrVar + a * d * d);
        s.lrN++;
        return score;
    }

    /** EWMA of the error against the daily profile vs its long run. */
    private double seasonalChannel(double zs) {
        s.sEw = s.sN == 0 ? zs : s.sEw + (zs - s.sEw) / cfg.seasonalWindow();
        double score = 0.0;
        if (s.sN > 50) {
            double sd = Math.max(Math.sqrt(s.sVar), SD_FLOOR_ABS + SD_FLOOR_REL * s.sMean);
            score = Tail.surprise(Tail.negLogQ((s.sEw - s.sMean) / sd));
        }
        double a = Math.max(1.0 / (s.sN + 1), 1.0 / cfg.longMemory());
        double d = s.sEw - s.sMean;
        s.sMean += a * d;
        s.sVar = (1 - a) * (s.sVar + a * d * d);
        s.sN++;
        return score;
    }

    /** Tracks runs of identical values; true while the current run counts as a stuck sensor. */
    private boolean stuckChannel(boolean first, double value) {
        if (!first && value == s.last) {
            s.runLen++;
        } else {
            if (!first) s.changes++;
            // a run that counted as stuck is never learned as normal (v4; v3 used "no incident open" as the proxy),
            // neither as the longest normal run nor in the share of repeats (v6)
            if (s.runLen > 0 && (!stuckEligible() || s.runLen < stuckAt())) {
                s.maxRun = Math.max(s.maxRun, s.runLen);
                s.normalRepeats += s.runLen - 1;
                s.normalSteps += s.runLen;
            }
            s.runLen = 1;
        }
        return stuckEligible() && s.runLen >= stuckAt();
    }

    private boolean stuckEligible() { return s.n >= cfg.warmupPoints() && s.changes >= 3L * cfg.stuckMinPoints(); }

    /**
     * Run length from which a run counts as stuck: {@code stuckMinPoints}, twice the longest normal run, and (v6) the
     * length a run of repeats would reach by chance with probability below {@link #STUCK_CHANCE}, given the share of
     * repeats in the runs learned as normal (not the current one, not earlier stuck ones). A sensor whose resolution
     * is close to its noise (0.1 degC steps, 0.1 degC noise) repeats its value often, and a run of 8 there is routine,
     * not a frozen sensor.
     */
    private double stuckAt() {
        if (chanceBoundSteps != s.normalSteps) {             // the share changes only when a normal run ends
            double pSame = s.normalSteps > 0 ? (double) s.normalRepeats / s.normalSteps : 0.0;
            chanceBound = pSame > 0 && pSame < 1 ? 1 + Math.ceil(Math.log(STUCK_CHANCE) / Math.log(pSame)) : 0.0;
            chanceBoundSteps = s.normalSteps;
        }
        return Math.max(Math.max(cfg.stuckMinPoints(), cfg.stuckFactor() * s.maxRun), chanceBound);
    }

    /** Slow mean of the profile residual; emits one pulse when it leaves its long-run range, re-arms inside. */
    private double driftChannel(double value, double pSeason, long dt, double floor) {
        if (Double.isNaN(pSeason)) {
            s.driftMean = 0.0;
            s.driftBulk = 0.0;
            return 0.0;
        }
        double score = 0.0;
        double ad = 1.0 - Math.exp(-dt / (cfg.driftHours() * 3_600_000.0));
        double res = value - pSeason;
        if (s.nSeason > 50) {
            double lim = DRIFT_CLIP * MAD_TO_SIGMA * s.madSeason + floor;
            res = Math.max(-lim, Math.min(lim, res));
        }
        s.driftMean += ad * (res - s.driftMean);
        double bulkLim = DRIFT_BULK_CLIP * MAD_TO_SIGMA * s.madSeason + floor;
        s.driftBulk += ad * (Math.max(-bulkLim, Math.min(bulkLim, value - pSeason)) - s.driftBulk);
        double driftZ = Math.abs(s.driftMean)
                / (MAD_TO_SIGMA * (s.driftMad + DRIFT_NOISE_FLOOR * s.madLevel) + 1e-3 * Math.abs(s.level) + floor);
        if (s.driftN > 3 * 24 && s.n >= cfg.warmupPoints()) {
            if (!s.driftFired && driftZ >= cfg.driftSigma()) {
                double c = cfg.driftSigma() * (1 - cfg.alertThreshold()) / cfg.alertThreshold();
                score = driftZ / (driftZ + c);
                s.driftFired = true;
            } else if (s.driftFired && driftZ < 0.5 * cfg.driftSigma()) {
                s.driftFired = false;
            }
        }
        double aLong = Math.max(1.0 - Math.exp(-dt / (7.0 * SeasonalProfile.DAY_MS)), 1.0 / (s.driftN + 1));
        s.driftMad += aLong * (Math.min(Math.abs(s.driftMean), 4 * MAD_TO_SIGMA * s.driftMad + floor) - s.driftMad);
        s.driftN++;
        return score;
    }

    private AnomalyKind kindOf(double score, double stuck, double drift, double pred, boolean gap) {
        if (score < cfg.clearThreshold() && !s.alert) return gap ? AnomalyKind.DROPOUT : AnomalyKind.NONE;
        if (stuck > 0 && stuck >= pred) return AnomalyKind.STUCK;
        if (drift > 0 && drift >= pred) return AnomalyKind.DRIFT;
        return s.persist >= 3 ? AnomalyKind.LEVEL_SHIFT : AnomalyKind.SPIKE;
    }

    private void learn(long t, double x, long dt, boolean first, boolean gap, double pSeason) {
        if (!first && dt > 0) {
            double capped = s.interval > 0 ? Math.min(dt, 10 * s.interval) : dt;
            s.interval = s.interval == 0 ? capped : s.interval + 0.05 * (capped - s.interval);
        }
        double am = 1.0 / cfg.scaleMemory();
        if (!first && !gap) {
            s.madNaive = ewmaAbs(s.madNaive, x - s.last, s.nNaive++, am);
            s.madLevel = ewmaAbs(s.madLevel, x - s.level, s.nLevel++, am);
        }
        if (!Double.isNaN(pSeason)) s.madSeason = ewmaAbs(s.madSeason, x - pSeason, s.nSeason++, am);
        s.level = (first || gap) ? x : s.level + cfg.levelAlpha() * (x - s.level);
        s.last = x;
        s.lastT = first ? t : Math.max(s.lastT, t);
        if (first) s.firstT = t;
        s.profile.learn(t, x, s.interval);
        s.week.learn(t, x, s.interval);
        s.n++;
    }

    /** EWMA of |e| with warm-up averaging and winsorising at 6x the current scale. */
    private static double ewmaAbs(double mad, double e, long count, double alphaMin) {
        double abs = Math.abs(e);
        if (count > 10 && mad > 0) abs = Math.min(abs, 6 * mad);
        return mad + Math.max(1.0 / (count + 1), alphaMin) * (abs - mad);
    }

    /**
     * The daily profile's expectation for {@code value} (v6), from its interpolated value {@code smooth} and its
     * half-hour bucket mean {@code step}. Where the profile has an edge (the two differ by more than {@link #EDGE_SIGMA}), the one of the two nearer the
     * value: a scheduled step (a fan switching to day speed at 07:00) is then expected on both sides of the switch
     * instead of being smeared over the neighbouring buckets, and its routine transitions stop setting deviation
     * records. Elsewhere (a smooth daily cycle) the interpolated profile, as before. The drift channel always uses the
     * interpolated profile: picking the nearer of two would pull a slow drift's mean towards zero.
     */
    private double nearerProfileValue(double value, double smooth, double step) {
        if (Double.isNaN(smooth)) return smooth;
        boolean edge = Math.abs(step - smooth) > EDGE_SIGMA * MAD_TO_SIGMA * s.madSeason;
        return edge && Math.abs(value - step) < Math.abs(value - smooth) ? step : smooth;
    }

    /**
     * The seasonal channel's other two expectations (v6), in robust sigmas of the profile error: the mean of the
     * half-hour bucket itself ({@code step}, NaN before it has learned) and the weekly profile (once it has learned: 2 weeks). The channel takes the smallest
     * error of these and {@link #nearerProfileValue}'s: a point is surprising to it only if none expected it, like the
     * fast channel's two predictors; a weekday schedule that the daily profile cannot hold (a fan at night speed all
     * weekend) is expected by the weekly one. Infinite when neither is available.
     */
    double profileErrors(long t, double value, double step, double floor) {
        double scale = MAD_TO_SIGMA * s.madSeason + floor;
        double week = s.week.predict(t);
        double e = Double.isNaN(step) ? Double.POSITIVE_INFINITY : Math.abs(value - step) / scale;
        return Double.isNaN(week) ? e : Math.min(e, Math.abs(value - week) / scale);
    }

    private double expectedAt(long t) {
        double p = s.profile.predict(t);
        return !Double.isNaN(p) ? p : (s.n == 0 ? Double.NaN : s.level);
    }

    /** Serialises the full state (and configuration) behind a magic number ("HPSD") and format version. */
    public byte[] snapshot() { return s.encode(cfg); }

    /**
     * Rebuilds a detector from {@link #snapshot()}; it continues exactly where the original left off.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of a supported version
     */
    public static StreamingDetector restore(byte[] snapshot) { return DetectorState.decode(snapshot); }
}
