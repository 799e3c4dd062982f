package io.homepot.scoring.detect;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * v6: two shapes of building-device data that NAB lacks. A fan on a schedule steps between night and day speed at the
 * same minute every day; a sensor whose resolution is close to its noise repeats readings often. Neither is an incident;
 * a real fault on the same series still alerts within minutes.
 */
class DeviceSeriesBehaviourTest {
    private static final int DAY = Series.DAY;

    /** Fan speed, 1-minute samples in 10 rpm steps: 1200 rpm at night, 1350 rpm from 07:00 to 19:00 UTC, noise 8 rpm. */
    private static double[] scheduledFan(int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[days * DAY];
        for (int i = 0; i < v.length; i++) {
            int minute = i % DAY;
            double base = minute >= 7 * 60 && minute < 19 * 60 ? 1350 : 1200;
            v[i] = Math.round((base + 8 * r.nextGaussian()) / 10) * 10;
        }
        return v;
    }

    /** Room temperature, 1-minute samples in 0.1 degC steps: 21.5 +/- 1.2 daily, noise 0.1 degC. */
    private static double[] quantisedRoom(int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[days * DAY];
        for (int i = 0; i < v.length; i++) {
            double x = 21.5 + 1.2 * Math.cos(2 * Math.PI * (i % DAY - 15 * 60) / DAY) + 0.1 * r.nextGaussian();
            v[i] = Math.round(x * 10) / 10.0;
        }
        return v;
    }

    @Test
    void scheduledSpeedStepsAreRoutineButASlipBetweenThemAlerts() {
        int quietAlerts = 0;
        for (long seed = 1; seed <= 5; seed++) {
            quietAlerts += Series.alertsBetween(Series.runMinutes(scheduledFan(10, seed)), 3 * DAY, 10 * DAY);
        }
        assertTrue(quietAlerts <= 1, "alerts on 35 days of a fan switching speed on schedule: " + quietAlerts);

        double[] v = scheduledFan(10, 6);
        int slip = 8 * DAY + 10 * 60;                          // day 9, 10:00: the belt slips, 100 rpm lower from then on
        for (int i = slip; i < v.length; i++) v[i] -= 100;
        DetectorResult[] r = Series.runMinutes(v);
        int first = Series.firstAlertFrom(r, slip);
        assertTrue(first >= 0 && first <= slip + 10, "belt slip: first alert " + (first - slip) + " min after it");
        assertEquals(0, Series.alertsBetween(r, 3 * DAY, slip), "false alert before the slip");
    }

    @Test
    void repeatsOfACoarseSensorAreNotStuckButAFrozenOneIs() {
        int stuckAlerts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            DetectorResult[] r = Series.runMinutes(quantisedRoom(4, 100 + seed));
            for (int i = 0; i < r.length; i++) if (r[i].alertStarted() && r[i].kind() == AnomalyKind.STUCK) stuckAlerts++;
        }
        assertEquals(0, stuckAlerts, "stuck alerts on 80 days of a 0.1 degC sensor with 0.1 degC noise");

        double[] v = quantisedRoom(4, 7);
        int freeze = 3 * DAY + 10 * 60;
        for (int i = freeze; i < v.length; i++) v[i] = v[freeze];
        DetectorResult[] r = Series.runMinutes(v);
        int first = Series.firstAlertFrom(r, freeze);
        // this sensor repeats its reading about 45 % of the time, so a run must reach ~17 points before a run that long
        // has a chance below 1e-6 (STUCK_CHANCE); a sensor with continuous readings is flagged after 8 (stuckMinPoints)
        assertTrue(first >= 0 && first <= freeze + 20, "frozen sensor: first alert " + (first - freeze) + " min after it");
        assertEquals(AnomalyKind.STUCK, r[first].kind());
    }

    /**
     * The edge rule on its own: at a scheduled switch the nearer of the bucket mean and the interpolated profile is
     * expected, so the switch does not set the record deviation (about 5 sigma over 10 days; 10-12 sigma without the
     * rule, where every switch is a 75 rpm miss of the interpolated profile).
     */
    @Test
    void scheduledSwitchesDoNotSetTheDeviationRecord() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] v = scheduledFan(10, seed);
            StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
            for (int i = 0; i < v.length; i++) d.update(Series.T0 + i * Series.MIN, v[i]);
            assertTrue(d.state().devRecord < 7, "deviation record " + d.state().devRecord + " sigma, seed " + seed);
        }
    }
}
