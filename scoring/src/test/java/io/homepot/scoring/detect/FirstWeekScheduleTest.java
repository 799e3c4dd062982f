package io.homepot.scoring.detect;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * v8: in its first week a series has not shown every weekday yet, so a scheduled step that does not come (an office
 * supply fan left at night speed on its first Saturday) is not an incident; any other departure from the daily pattern
 * in the first week still is.
 */
class FirstWeekScheduleTest {
    private static final long MONDAY = Series.T0 + 5 * 86_400_000L;     // 2023-11-20 00:00 UTC (T0 is a Wednesday)

    /**
     * Office supply fan, rpm in 10 rpm steps, one sample every {@code stepMin} minutes from a Monday: 1200 +/- 8 at
     * night and all weekend, 1350 +/- 8 from 07:00 to 19:00 on weekdays.
     */
    private static double[] officeFan(int days, int stepMin, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int perDay = Series.DAY / stepMin;
        double[] v = new double[days * perDay];
        for (int i = 0; i < v.length; i++) {
            int minute = (i % perDay) * stepMin, weekday = (i / perDay) % 7; // 0 = Monday
            boolean dayShift = weekday < 5 && minute >= 7 * 60 && minute < 19 * 60;
            v[i] = 10.0 * Math.round(((dayShift ? 1350 : 1200) + 8 * r.nextGaussian()) / 10.0);
        }
        return v;
    }

    private static DetectorResult[] run(double[] v, int stepMin) {
        StreamingDetector d = new StreamingDetector(DetectorConfig.defaults());
        DetectorResult[] out = new DetectorResult[v.length];
        for (int i = 0; i < v.length; i++) out[i] = d.update(MONDAY + i * stepMin * Series.MIN, v[i]);
        return out;
    }

    @Test
    void theFirstWeekendAtNightSpeedIsNotAnIncident() {
        for (long seed = 1; seed <= 5; seed++) {
            int day = Series.DAY / 5;                                   // a building-management poll every 5 minutes
            DetectorResult[] r = run(officeFan(21, 5, seed), 5);
            // v7 opened an incident here on the first Saturday at 07:05 (or a drift incident at 09:15-09:35)
            assertEquals(0, Series.alertsBetween(r, 4 * day, 7 * day), "seed " + seed + ": alerts on the first weekend");
            assertEquals(0, Series.alertsBetween(r, 7 * day, 21 * day), "seed " + seed + ": alerts in the next two weeks");
        }
    }

    @Test
    void aDropToNightSpeedInTheMiddleOfAFirstWeekDayIsAnIncident() {
        int day = Series.DAY;                                           // 1-minute samples, as the appliance takes them
        int onset = 4 * day + 13 * 60;                                  // Friday of the first week, 13:00
        for (long seed = 1; seed <= 3; seed++) {
            double[] v = officeFan(6, 1, seed);
            for (int i = onset; i < 4 * day + 19 * 60; i++) v[i] = v[i] - 150;
            DetectorResult[] res = run(v, 1);
            assertEquals(0, Series.alertsBetween(res, day, onset), "seed " + seed + ": alerts before the drop");
            int first = Series.firstAlertFrom(res, onset);
            assertTrue(first >= 0 && first <= onset + 10, "seed " + seed + ": fan fell to night speed at 13:00, first alert "
                    + (first < 0 ? "none" : (first - onset) + " min after it"));
        }
    }
}
