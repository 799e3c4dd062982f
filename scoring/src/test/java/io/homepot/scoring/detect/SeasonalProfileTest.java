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
}
