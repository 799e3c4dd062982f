package io.homepot.appliance.scoring;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import io.homepot.scoring.health.Thresholds;

/**
 * Threshold alerting of one series against its effective warning/critical limits (device type's, with per-device
 * overrides). Fires when {@link #MIN_DWELL} consecutive samples are beyond a limit (one noisy sample does not), with
 * the severity of the worst of them; one alert per excursion: it re-arms only after the value has stayed inside the
 * warning limits by a margin of {@link #MARGIN} of the limit for {@link #REARM_MILLIS} of data time.
 * Also remembers when the series' last detector and threshold alerts opened, so that one incident raises one alert.
 * Mutated only by the engine's worker thread; persisted with the detector state.
 */
final class ThresholdWatch {
    /** Consecutive samples beyond a limit before an alert. */
    static final int MIN_DWELL = 2;
    /** Hysteresis: back inside by this fraction of the limit (2 %: 28 °C -> below 27.44 °C). */
    static final double MARGIN = 0.02;
    /** Hysteresis: for this long (data time) before the next excursion can alert. */
    static final long REARM_MILLIS = 15 * 60_000L;
    /** Alerts of different kinds on the same series within this are one incident (the first one is kept). */
    static final long SAME_INCIDENT_MILLIS = 60 * 60_000L;
    static final long NONE = Long.MIN_VALUE;

    /** A threshold alert: level 1 = warning, 2 = critical; {@code above} = crossed an upper limit. */
    record Fire(int level, boolean above, double limit) {
        String levelName() {
            return level >= 2 ? "critical" : "warning";
        }
    }

    int dwell;
    int dwellLevel;
    boolean dwellAbove;
    /** 0 = armed; otherwise the level the open excursion alerted (or was suppressed) at. */
    int open;
    long insideSince = NONE;
    long lastDetectorAlert = NONE;
    long lastThresholdAlert = NONE;
    /**
     * Highest threshold level alerted while the series' drift episode is open (0 = none or no episode): during a drift
     * the daily cycle re-crosses a limit every day, and only an escalation is news.
     */
    int driftEpisodeLevel;

    /** Feeds a point; returns the alert to raise, or null. */
    Fire update(long ts, double v, Thresholds lim) {
        if (!Double.isFinite(v)) {
            return null;
        }
        Thresholds.Level lvl = lim.levelOf(v);
        if (open != 0) {
            if (inside(v, lim)) {
                if (insideSince == NONE) {
                    insideSince = ts;
                }
                if (ts - insideSince >= REARM_MILLIS) {
                    open = 0;
                    dwell = 0;
                    dwellLevel = 0;
                    insideSince = NONE;
                }
            } else {
                insideSince = NONE;
            }
            return null;
        }
        if (lvl == Thresholds.Level.NORMAL) {
            dwell = 0;
            dwellLevel = 0;
            return null;
        }
        int l = lvl == Thresholds.Level.CRITICAL ? 2 : 1;
        boolean above = above(v, lim);
        if (dwell == 0 || above != dwellAbove) {
            dwell = 0;
            dwellLevel = 0;
            dwellAbove = above;
        }
        dwell++;
        dwellLevel = Math.max(dwellLevel, l);
        if (dwell < MIN_DWELL) {
            return null;
        }
        open = dwellLevel;
        insideSince = NONE;
        double limit = limitOf(lim, above, dwellLevel);
        return new Fire(dwellLevel, above, limit);
    }

    /** True when a detector alert on this series opened within {@link #SAME_INCIDENT_MILLIS} before {@code ts}. */
    boolean detectorAlertedRecently(long ts) {
        return lastDetectorAlert != NONE && ts - lastDetectorAlert <= SAME_INCIDENT_MILLIS;
    }

    /** True when a threshold alert on this series opened within {@link #SAME_INCIDENT_MILLIS} before {@code ts}. */
    boolean thresholdAlertedRecently(long ts) {
        return lastThresholdAlert != NONE && ts - lastThresholdAlert <= SAME_INCIDENT_MILLIS;
    }

    private static boolean above(double v, Thresholds t) {
        double hi = Double.isNaN(t.warningHigh()) ? t.criticalHigh() : t.warningHigh();
        double lo = Double.isNaN(t.warningLow()) ? t.criticalLow() : t.warningLow();
        if (!Double.isNaN(hi) && v > hi) {
            return true;
        }
        if (!Double.isNaN(lo) && v < lo) {
            return false;
        }
        return !Double.isNaN(t.criticalHigh()) && v > t.criticalHigh();
    }

    private static double limitOf(Thresholds t, boolean above, int level) {
        double crit = above ? t.criticalHigh() : t.criticalLow();
        double warn = above ? t.warningHigh() : t.warningLow();
        return level >= 2 ? (Double.isNaN(crit) ? warn : crit) : (Double.isNaN(warn) ? crit : warn);
    }

    /** Inside the warning limits (critical where no warning is set) by the hysteresis margin. */
    static boolean inside(double v, Thresholds t) {
        double hi = Double.isNaN(t.warningHigh()) ? t.criticalHigh() : t.warningHigh();
        double lo = Double.isNaN(t.warningLow()) ? t.criticalLow() : t.warningLow();
        return (Double.isNaN(hi) || v < hi - MARGIN * Math.abs(hi)) && (Double.isNaN(lo) || v > lo + MARGIN * Math.abs(lo));
    }

    /**
     * Smallest drift worth an alert's sigma, from the limits: 1 % of the warning band (or of the one limit set), so
     * that a nearly constant series does not alert on a meaningless wobble.
     */
    static double driftFloor(Thresholds t) {
        double hi = Double.isNaN(t.warningHigh()) ? t.criticalHigh() : t.warningHigh();
        double lo = Double.isNaN(t.warningLow()) ? t.criticalLow() : t.warningLow();
        if (!Double.isNaN(hi) && !Double.isNaN(lo)) {
            return 0.01 * Math.abs(hi - lo);
        }
        double one = Double.isNaN(hi) ? lo : hi;
        return Double.isNaN(one) ? 0.0 : 0.01 * Math.abs(one);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(dwell);
        out.writeInt(dwellLevel);
        out.writeBoolean(dwellAbove);
        out.writeInt(open);
        out.writeLong(insideSince);
        out.writeLong(lastDetectorAlert);
        out.writeLong(lastThresholdAlert);
        out.writeInt(driftEpisodeLevel);
    }

    static ThresholdWatch read(DataInputStream in) throws IOException {
        ThresholdWatch w = new ThresholdWatch();
        w.dwell = in.readInt();
        w.dwellLevel = in.readInt();
        w.dwellAbove = in.readBoolean();
        w.open = in.readInt();
        w.insideSince = in.readLong();
        w.lastDetectorAlert = in.readLong();
        w.lastThresholdAlert = in.readLong();
        w.driftEpisodeLevel = in.readInt();
        return w;
    }
}
