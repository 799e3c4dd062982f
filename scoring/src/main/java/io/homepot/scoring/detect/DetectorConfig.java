package io.homepot.scoring.detect;

/**
 * Settings of {@link StreamingDetector}. One configuration is meant for every series: use {@link #defaults()}.
 * Window lengths are in points (the detector is sampling-rate agnostic apart from the daily profile and drift,
 * which work in wall-clock time).
 *
 * @param warmupPoints      points before any score is emitted (the detector still learns during warm-up)
 * @param levelAlpha        EWMA weight of the short-term level predictor
 * @param scaleMemory       points of memory of the robust error scales (EWMA of |error|)
 * @param shortWindow       points averaged into the "recent error" of the fast channel
 * @param seasonalWindow    EWMA span (points) of the error against the daily profile (slow channel)
 * @param longMemory        points of memory of the long-run distribution of both recent errors
 * @param recordMemory      points of memory of the decaying record (maximum) of the fast recent error
 * @param seasonBuckets     time-of-day buckets of the daily profile (24 h / buckets each)
 * @param seasonDayAlpha    how much one day of new data moves a profile bucket (0..1)
 * @param seasonMinDays     days of data a bucket needs before the profile is used
 * @param detectLevel       score at or above which a point counts as a detection (starts score damping)
 * @param dampPoints        points after a detection during which scores are damped (x0.1): high only at onset
 * @param alertThreshold    score at or above which a stuck sensor or a drift pulse opens an incident (alert)
 * @param clearThreshold    score below which an open incident may close
 * @param clearPoints       consecutive points below {@code clearThreshold} that close an incident
 * @param cooldownPoints    no new incident opens within this many points of the previous opening
 * @param stuckMinPoints    minimum run of identical values that can count as a stuck sensor
 * @param stuckFactor       a run must also exceed this factor times the longest run seen in normal operation
 * @param driftHours        time constant (hours) of the slow residual mean used for drift detection
 * @param driftSigma        drift fires when that slow mean exceeds this many long-run deviations
 * @param gapFactor         a point arriving after more than this many typical intervals ends a gap
 * @param alertEvidencePoints an incident opens only within this many points of a detection, and only when the value
 *                          (or its deviation from the daily profile) goes beyond anything the series has shown before
 */
public record DetectorConfig(int warmupPoints, double levelAlpha, int scaleMemory, int shortWindow,
                             int seasonalWindow, int longMemory, int recordMemory,
                             int seasonBuckets, double seasonDayAlpha, int seasonMinDays,
                             double detectLevel, int dampPoints,
                             double alertThreshold, double clearThreshold, int clearPoints, int cooldownPoints,
                             int stuckMinPoints, double stuckFactor, double driftHours, double driftSigma,
                             double gapFactor, int alertEvidencePoints) {

    /** The single configuration used for every series (NAB, device data, demo site). */
    public static DetectorConfig defaults() {
        return new DetectorConfig(60, 0.2, 1000, 4,
                16, 5000, 1000,
                48, 0.15, 2,
                0.6, 100,
                0.75, 0.3, 5, 360,
                8, 2.0, 3.0, 6.0,
                5.0, 60);
    }

    public DetectorConfig {
        if (warmupPoints < 1 || shortWindow < 1 || seasonalWindow < 1 || longMemory < 2 || scaleMemory < 2
                || recordMemory < 2 || seasonBuckets < 1 || seasonMinDays < 1 || clearPoints < 1 || alertEvidencePoints < 1) {
            throw new IllegalArgumentException("window sizes must be positive");
        }
        if (86_400_000 % seasonBuckets != 0) {
            throw new IllegalArgumentException("seasonBuckets must divide a day in whole milliseconds (48 = half hours): "
                    + seasonBuckets);
        }
        if (levelAlpha <= 0 || levelAlpha > 1 || seasonDayAlpha <= 0 || seasonDayAlpha > 1) {
            throw new IllegalArgumentException("alphas must be in (0, 1]");
        }
        if (clearThreshold > alertThreshold || alertThreshold <= 0 || alertThreshold >= 1) {
            throw new IllegalArgumentException("need 0 <= clearThreshold <= alertThreshold < 1");
        }
        if (driftHours <= 0 || driftSigma <= 0 || gapFactor <= 1 || stuckFactor < 1 || stuckMinPoints < 2) {
            throw new IllegalArgumentException("invalid drift / gap / stuck settings");
        }
    }
}
