package io.homepot.scoring.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The daily and weekly profiles: learning per period, readiness, interpolation against the bucket itself. */
class SeasonalProfileTest {
    private static final long T0 = 1_772_409_600_000L;      // 2026-03-02 00:00 UTC, a Monday
    private static final long MIN = 60_000L;

    /** Office fan: 1350 on weekdays 07:00-19:00, 1200 otherwise. */
    private static double office(long minute) {
        long day = minute / 1440 % 7, m = minute % 1440;
        return day < 5 && m >= 420 && m < 1140 ? 1350 : 1200;
    }

    @Test
    void weeklyProfileLearnsWeekdaysAndWeekendsAfterTwoWeeks() {
        SeasonalProfile week = new SeasonalProfile(336, 0.15, 2, SeasonalProfile.WEEK_MS);
        SeasonalProfile day = new SeasonalProfile(48, 0.15, 2);
        long saturday10 = (5 * 1440 + 600) * MIN, wednesday10 = (2 * 1440 + 600) * MIN;
        for (long m = 0; m < 3 * 7 * 1440; m += 5) {
            if (m == 7 * 1440) assertTrue(Double.isNaN(week.predict(T0 + 7 * 7 * 1440 * MIN + saturday10)),
                    "one week is not enough");
            week.learn(T0 + m * MIN, office(m), 5 * MIN);
            day.learn(T0 + m * MIN, office(m), 5 * MIN);
        }
        long next = T0 + 3 * 7 * 1440 * MIN;                  // the fourth week
        assertEquals(1200, week.predict(next + saturday10), 1.0);
        assertEquals(1350, week.predict(next + wednesday10), 1.0);
        double daily = day.predict(next + saturday10);         // the daily profile mixes the two
        assertTrue(daily > 1230 && daily < 1350, "daily profile at 10:00 " + daily);
    }

    @Test
    void bucketMeanKeepsAStepSharpWhereInterpolationSmearsIt() {
        SeasonalProfile day = new SeasonalProfile(48, 0.15, 2);
        for (long m = 0; m < 3 * 1440; m++) day.learn(T0 + m * MIN, m % 1440 >= 420 ? 1350 : 1200, MIN);
        long at0659 = T0 + (3 * 1440 + 419) * MIN, at0700 = at0659 + MIN;
        assertEquals(1200, day.predictStep(at0659), 1e-6);
        assertEquals(1350, day.predictStep(at0700), 1e-6);
        double smooth = day.predict(at0659);                   // between the 06:45 and 07:15 bucket centres
        assertTrue(smooth > 1250 && smooth < 1300, "interpolated at 06:59: " + smooth);
        assertTrue(Double.isNaN(new SeasonalProfile(48, 0.15, 2).predictStep(at0659)), "nothing learned yet");
    }

    /**
     * The detector's seasonal channel also takes the half-hour bucket's own mean: just after a small scheduled step
     * (2 sigma, below the edge rule's 3) a reading at the new level is expected, though the interpolation is not there yet.
     */
    @Test
    void detectorExpectsTheBucketMeanJustAfterASmallStep() {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int days = 4;
        for (long m = 0; m < days * 1440; m++) {
            d.update(T0 + m * MIN, (m % 1440 >= 420 ? 20.6 : 20.0) + 0.3 * r.nextGaussian()); // 07:00 step up
        }
        long at0705 = T0 + (days * 1440 + 425) * MIN;
        assertTrue(Double.isNaN(d.state().week.predict(at0705)), "no weekly profile after 4 days");
        double sigma = 1.2533 * d.state().madSeason;
        double step = d.state().profile.predictStep(at0705), smooth = d.state().profile.predict(at0705);
        assertTrue(Math.abs(step - smooth) < 3 * sigma, "a step below the edge rule: " + (step - smooth) / sigma + " sigma");
        double zSmooth = Math.abs(20.6 - smooth) / sigma, zChannel = d.profileErrors(at0705, 20.6, step, 0);
        assertTrue(zChannel < 0.3 && zSmooth > 0.5, "interpolated " + zSmooth + " vs channel " + zChannel + " sigma");
    }

    /** The detector's seasonal channel takes the weekly expectation: a weekend reading is not a daily-profile miss. */
    @Test
    void detectorExpectsTheWeekendFromItsWeeklyProfile() {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        long weeks3 = 3 * 7 * 1440;
        for (long m = 0; m < weeks3; m += 5) d.update(T0 + m * MIN, office(m) + 8 * r.nextGaussian());
        long saturday10 = T0 + (weeks3 + 5 * 1440 + 600) * MIN;
        assertEquals(1200, d.state().week.predict(saturday10), 5.0);
        double sigma = 1.2533 * d.state().madSeason;
        double daily = d.state().profile.predict(saturday10);
        double zDaily = Math.abs(1200 - daily) / sigma, zWeekly = d.profileErrors(saturday10, 1200, d.state().profile.predictStep(saturday10), 0);
        assertTrue(zWeekly < 0.5 && zDaily > 4 * zWeekly, "daily " + zDaily + " vs weekly " + zWeekly + " sigma");
    }

    /** v7: days with a detection near this time of day count across midnight by elapsed time (routine gate and discount). */
    @Test
    void routineDaysAroundMidnightCountElapsedDays() {
        int bins = 288;
        long[] days = new long[bins];
        int[] masks = new int[bins];
        long day = 20_000, h = 3_600_000L;
        long detection = (day - 1) * SeasonalProfile.DAY_MS + 23 * h + 30 * MIN; // day before, 23:30
        Recurrence.apply(detection, 1.0, days, masks);
        long sameNight = day * SeasonalProfile.DAY_MS + 30 * MIN;                 // 00:30, an hour later
        assertEquals(0, Recurrence.daysWithDetections(sameNight, days, masks), "an hour earlier is today's event");
        assertEquals(1, Recurrence.daysWithDetections(sameNight + SeasonalProfile.DAY_MS, days, masks), "25 h earlier");
        long[] days2 = new long[bins];
        int[] masks2 = new int[bins];
        Recurrence.apply(day * SeasonalProfile.DAY_MS + h, 1.0, days2, masks2);   // 01:00
        long evening = day * SeasonalProfile.DAY_MS + 23 * h + 30 * MIN;          // 23:30 the same day: 22.5 h later
        assertEquals(1, Recurrence.daysWithDetections(evening, days2, masks2), "22.5 h earlier is a day back");
        // the score discount uses the same neighbourhood: an hour after 23:30 is not a recurrence, 25 h after it is
        long[] days3 = new long[bins];
        int[] masks3 = new int[bins];
        Recurrence.apply(detection, 1.0, days3, masks3);
        assertEquals(1.0, Recurrence.apply(sameNight, 1.0, days3, masks3));
        long[] days4 = new long[bins];
        int[] masks4 = new int[bins];
        Recurrence.apply(detection, 1.0, days4, masks4);
        assertEquals(0.5, Recurrence.apply(sameNight + SeasonalProfile.DAY_MS, 1.0, days4, masks4));
    }
}
