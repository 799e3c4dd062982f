package io.homepot.scoring.forecast;

import io.homepot.scoring.health.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ForecasterTest {
    private static final long T0 = 1_700_006_400_000L;
    private static final long MIN = 60_000L;

    @Test
    void linearRampGivesTimeToWarningAndCritical() {
        Forecaster f = new Forecaster();
        SplittableRandom r = new SplittableRandom(1);
        int minutes = 10 * 24 * 60;
        for (int i = 0; i < minutes; i++) f.add(T0 + i * MIN, 20 + 0.05 * i / 60.0 + 0.1 * r.nextGaussian());
        // now at ~32 (20 + 0.05 * 240 h); warning 35 in ~60 h, critical 40 in ~160 h
        Forecast fc = f.forecast(24, Thresholds.upper(35, 40));
        assertNotNull(fc);
        assertEquals(0.05, fc.slopePerHour(), 0.002);
        assertEquals(60, fc.hoursToWarning(), 3);
        assertEquals(160, fc.hoursToCritical(), 4);
        assertEquals(24, fc.hourly().length);
        assertEquals(32.0 + 0.05 * 0.5, fc.hourly()[0], 0.2);
        assertTrue(fc.lower()[0] < fc.hourly()[0] && fc.hourly()[0] < fc.upper()[0]);
        assertTrue(fc.confidence() >= 0 && fc.confidence() <= 1);
        assertTrue(fc.confidence() > 0.7, "clean ramp should be forecast confidently: " + fc.confidence());
        assertTrue(fc.risk() < 0.05, "no limit within 24 h: risk " + fc.risk());
    }

    @Test
    void aMetricWithOnlyACriticalLimitHasNoTimeToWarning() {
        Forecaster f = new Forecaster();
        for (int i = 0; i < 3 * 24 * 60; i++) f.add(T0 + i * MIN, 20 + 0.2 * i / 60.0);
        Forecast fc = f.forecast(24, new Thresholds(Double.NaN, Double.NaN, Double.NaN, 38));
        assertTrue(fc.hoursToCritical() <= 19, "h to critical " + fc.hoursToCritical());
        assertTrue(Double.isNaN(fc.hoursToWarning()), "h to warning " + fc.hoursToWarning());
    }

    @Test
    void riskRisesWhenTheLimitIsNear() {
        Forecaster f = new Forecaster();
        for (int i = 0; i < 3 * 24 * 60; i++) f.add(T0 + i * MIN, 20 + 0.2 * i / 60.0);
        // now ~34.4, rising 0.2/h: warning 35 in ~3 h, critical 38 in ~18 h
        Forecast fc = f.forecast(24, Thresholds.upper(35, 38));
        assertTrue(fc.hoursToWarning() <= 4, "h to warning " + fc.hoursToWarning());
        assertTrue(fc.hoursToCritical() <= 19, "h to critical " + fc.hoursToCritical());
        assertTrue(fc.risk() > 0.9, "risk " + fc.risk());
    }

    @Test
    void dailyCycleIsForecastAndConfidenceIsCalibratedOnNoise() {
        SplittableRandom r = new SplittableRandom(2);
        int within = 0, total = 0;
        double confSum = 0;
        for (int trial = 0; trial < 20; trial++) {
            Forecaster f = new Forecaster();
            int days = 12;
            double[] next = new double[24];
            for (int i = 0; i < (days + 1) * 24 * 60; i++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0) + 3 * r.nextGaussian();
                if (i < days * 1440) f.add(T0 + i * MIN, v);
                else next[(i - days * 1440) / 60] += v / 60.0;
            }
            Forecast fc = f.forecast(24, Thresholds.NONE);
            assertTrue(Double.isNaN(fc.hoursToWarning()));
            confSum += fc.confidence();
            for (int h = 0; h < 24; h++) {
                total++;
                if (next[h] >= fc.lower()[h] && next[h] <= fc.upper()[h]) within++;
            }
        }
        double coverage = (double) within / total, conf = confSum / 20;
        assertEquals(coverage, conf, 0.12, "stated confidence " + conf + " vs actual coverage " + coverage);
    }

    /**
     * A stationary daily cycle (50 +/- 10, noise 3 per minute) is not a trend, however few days the model has seen:
     * fitting the trend before the profile read a slope off the cycle and missed the next day by 7 (2 days of data)
     * to 0.9 (12 days); the exact fit stays near the noise of an hourly mean (0.39) and its ramp case is unchanged.
     */
    @Test
    void aDailyCycleIsNotReadAsATrendFromTwoOrThreeDays() {
        for (int days = 2; days <= 3; days++) {
            SplittableRandom r = new SplittableRandom(days);
            double err2 = 0;
            int n = 0;
            for (int trial = 0; trial < 10; trial++) {
                Forecaster f = new Forecaster();
                double[] next = new double[24];
                for (int i = 0; i < (days + 1) * 1440; i++) {
                    double v = 50 + 10 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0) + 3 * r.nextGaussian();
                    if (i < days * 1440) f.add(T0 + i * MIN, v);
                    else next[(i - days * 1440) / 60] += v / 60.0;
                }
                Forecast fc = f.forecast(24, Thresholds.NONE);
                assertEquals(0.0, fc.slopePerHour(), 0.02, days + " days: slope");
                for (int h = 0; h < 24; h++, n++) err2 += Math.pow(next[h] - fc.hourly()[h], 2);
            }
            double rmse = Math.sqrt(err2 / n);
            assertTrue(rmse < 0.6, days + " days of data: next-day rmse " + rmse + " (noise of an hourly mean 0.39)");
        }
    }

    /**
     * With 2-3 days of data the band still covers about what it says: the band counts the error of hour levels
     * estimated from 2-3 days, and the confidence ignores held-back days whose model had no hour levels (a 1-day model's
     * wide band "covered" everything: stated 0.96, observed 0.79 before).
     */
    @Test
    void confidenceIsCalibratedFromTheSecondDayOn() {
        for (int days = 2; days <= 3; days++) {
            SplittableRandom r = new SplittableRandom(7);
            int within = 0, total = 0;
            double conf = 0;
            for (int trial = 0; trial < 40; trial++) {
                Forecaster f = new Forecaster();
                double[] next = new double[24];
                for (int i = 0; i < (days + 1) * 1440; i++) {
                    double v = 50 + 10 * Math.sin(2 * Math.PI * (i % 1440) / 1440.0) + r.nextGaussian();
                    if (i < days * 1440) f.add(T0 + i * MIN, v);
                    else next[(i - days * 1440) / 60] += v / 60.0;
                }
                Forecast fc = f.forecast(24, Thresholds.NONE);
                conf += fc.confidence() / 40;
                for (int h = 0; h < 24; h++, total++) if (next[h] >= fc.lower()[h] && next[h] <= fc.upper()[h]) within++;
            }
            double coverage = (double) within / total;
            assertTrue(coverage > 0.8, days + " days: coverage of the nominal 90 % band " + coverage);
            assertEquals(coverage, conf, 0.06, days + " days: stated confidence " + conf + " vs coverage " + coverage);
        }
    }

    @Test
    void tooLittleDataGivesNoForecastAndMemoryIsBounded() {
        Forecaster f = new Forecaster();
        assertNull(f.forecast(24, Thresholds.NONE));
        for (int i = 0; i < 60 * 24 * 60; i += 10) f.add(T0 + i * MIN, i);
        assertEquals(30 * 24, f.hoursOfData());
    }
}
