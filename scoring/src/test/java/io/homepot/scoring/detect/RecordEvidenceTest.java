package io.homepot.scoring.detect;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * v7: when a new record (of the value or of its deviation from the profile) is an incident. A nightly job that runs a
 * little higher every night sets a new high by a hair at a time of day that has detections every day: routine, no
 * incident. A job that runs away at that same time, or a latency burst far beyond every burst seen, is one.
 */
class RecordEvidenceTest {
    private static final int DAY = Series.DAY;
    private static final int JOB_START = 3 * 60 + 30; // 03:30

    /**
     * CPU %, 1-minute samples: 5 +/- 1, with a 10-minute nightly job starting between 03:30 and 03:49 at
     * 60 % + 0.5 % per day (+/- 2 %), so most nights set a new high by less than the job's own noise.
     */
    private static double[] nightlyJob(int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[days * DAY];
        for (int i = 0; i < v.length; i++) {
            int minute = i % DAY, day = i / DAY;
            int start = JOB_START + (day * 7) % 20;
            v[i] = 5 + r.nextGaussian();
            if (minute >= start && minute < start + 10) v[i] = 60 + 0.5 * day + 2 * r.nextGaussian();
        }
        return v;
    }

    /** Latency ms, 1-minute samples: log-normal around 20 ms, and on one minute in 30 a burst of 40-60 ms. */
    private static double[] burstyLatency(int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[days * DAY];
        for (int i = 0; i < v.length; i++) {
            v[i] = 20 * Math.exp(0.1 * r.nextGaussian());
            if (r.nextInt(30) == 0) v[i] = 40 + 20 * r.nextDouble();
        }
        return v;
    }

    /** Mains voltage, 10-second samples in 0.5 V steps: 230 V +/- 1.5 V daily, noise 0.6 V; 12,000 rows (33 h). */
    private static double[] mainsVoltage(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[12_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(2 * (230 + 1.5 * Math.sin(2 * Math.PI * i / 8640.0) + 0.6 * r.nextGaussian())) / 2.0;
        }
        return v;
    }

    @Test
    void aNightlyJobSettingNewHighsByAHairIsRoutine() {
        int alerts = 0;
        for (long seed = 1; seed <= 5; seed++) {
            alerts += Series.alertsBetween(Series.runMinutes(nightlyJob(14, seed)), 2 * DAY, 14 * DAY);
        }
        // v6 opened 8-10 incidents per series here: each night's new high came with a detection of the job itself
        assertEquals(0, alerts, "alerts on 60 nights of a job creeping up 0.5 % a night");
    }

    @Test
    void aJobThatRunsAwayAtItsUsualTimeStillAlerts() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] v = nightlyJob(14, seed);
            int runaway = 10 * DAY + JOB_START + 5;             // night 11, 03:35: the job takes 90 % instead of ~65 %
            for (int i = runaway; i < runaway + 10; i++) v[i] = 88 + 2 * (i % 3);
            DetectorResult[] r = Series.runMinutes(v);
            int first = Series.firstAlertFrom(r, runaway);
            assertTrue(first >= 0 && first <= runaway + 5, "seed " + seed + ": runaway job, first alert "
                    + (first < 0 ? "none" : (first - runaway) + " min after it"));
            assertEquals(0, Series.alertsBetween(r, 2 * DAY, runaway), "seed " + seed + ": alert before the runaway");
        }
    }

    @Test
    void aBurstFarBeyondEveryEarlierBurstAlertsButANewHighByAHairDoesNot() {
        for (long seed = 1; seed <= 5; seed++) {
            int at = 4 * DAY + 10 * 60;                           // day 5, 10:00
            double[] far = burstyLatency(6, seed);
            far[at] = 70;                                         // bursts so far reached 60 ms at most
            DetectorResult[] r = Series.runMinutes(far);
            // the channels see one more burst (bursts are routine for this series): only the clear range break alerts
            assertTrue(r[at].alertStarted(), "seed " + seed + ": a 70 ms burst opened no incident");
            assertEquals(1, Series.alertsBetween(r, DAY, r.length), "seed " + seed + ": incidents after day 1");

            double[] hair = burstyLatency(6, seed);
            hair[at] = 62;
            assertEquals(0, Series.alertsBetween(Series.runMinutes(hair), DAY, hair.length),
                    "seed " + seed + ": a 62 ms burst alerted");
        }
    }

    @Test
    void aNewHighOfANoisyFineSeriesByLessThanItsNoiseIsNotAnIncident() {
        int alerts = 0;
        for (long seed = 1; seed <= 10; seed++) {
            double[] v = mainsVoltage(seed);
            StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
            for (int i = 0; i < v.length; i++) if (d.update(Series.T0 + i * 10_000L, v[i]).alertStarted()) alerts++;
        }
        // a 1 V new high is a tenth of this range's width but under 2 sigmas of its noise: without the sigma margin,
        // 12 incidents over these ten series
        assertEquals(0, alerts, "incidents on 330 h of quiet mains voltage");
    }
}
