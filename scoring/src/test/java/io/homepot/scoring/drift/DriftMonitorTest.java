package io.homepot.scoring.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    static final long MIN = 60_000L;
    static final long DAY = 86_400_000L;
    static final long T0 = 1_761_955_200_000L; // 2025-11-01T00:00Z

    /** Demo-like signal: base + daily swing (peak 15:00) + weekly swing of a quarter of it + gaussian noise. */
    static LongToDoubleFunction signal(double base, double swing, double noise, long seed) {
        Random r = new Random(seed);
        return t -> {
            double minute = t / 60_000.0;
            double day = Math.sin(2 * Math.PI * ((minute % 1440) / 1440.0 - 0.375));
            double week = Math.sin(2 * Math.PI * minute / (1440.0 * 7) + seed % 7);
            return base + swing * day + 0.25 * Math.abs(swing) * week + noise * r.nextGaussian();
        };
    }

    /** Minutes of alerts (index of the point that started each episode). */
    static List<Long> run(DriftMonitor m, LongToDoubleFunction f, long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t < to; t += MIN) {
            if (m.update(t, f.applyAsDouble(t)).alertStarted()) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void quietSeriesWithDailyAndWeeklyCyclesNeverAlert() {
        int alerts = 0;
        for (int s = 0; s < 40; s++) {
            double swing = 0.5 + s % 5;
            DriftMonitor m = new DriftMonitor();
            List<Long> a = run(m, signal(20 + s, swing, 0.1 + 0.05 * (s % 4), s), T0, T0 + 30 * DAY);
            if (!a.isEmpty()) {
                System.out.printf("DRIFT quiet series %d: alerts at day %s%n", s, a.stream().map(x -> (x - T0) / (double) DAY).toList());
            }
            alerts += a.size();
        }
        assertEquals(0, alerts, "40 quiet series over 30 days");
    }

    @Test
    void shortIncidentsDoNotLookLikeDrift() {
        LongToDoubleFunction base = signal(230, -2, 0.8, 3);
        long dip = T0 + 12 * DAY + 3 * 3_600_000L;
        long flap = T0 + 16 * DAY + 10 * 3_600_000L;
        LongToDoubleFunction f = t -> {
            if (t >= dip && t < dip + 8 * MIN) {
                return 185;                                   // power dip
            }
            if (t >= flap && t < flap + 3 * 3_600_000L) {
                return base.applyAsDouble(t) + 40;            // 3 h excursion
            }
            return base.applyAsDouble(t);
        };
        assertEquals(List.of(), run(new DriftMonitor(), f, T0, T0 + 30 * DAY));
    }

    /** A ramp of {@code total} over {@code days} starting at day {@code start}; returns the delay in hours. */
    static double rampDelayHours(double base, double swing, double noise, double total, int start, int days, long seed) {
        LongToDoubleFunction b = signal(base, swing, noise, seed);
        long s = T0 + start * DAY;
        long e = s + days * DAY;
        LongToDoubleFunction f = t -> b.applyAsDouble(t) + (t < s ? 0 : t >= e ? total : total * (t - s) / (double) (e - s));
        DriftMonitor m = new DriftMonitor();
        List<Long> alerts = run(m, f, T0, e);
        assertTrue(alerts.stream().allMatch(a -> a >= s), "no alert before the ramp: " + alerts);
        return alerts.isEmpty() ? Double.NaN : (alerts.getFirst() - s) / 3_600_000.0;
    }

    @Test
    void slowRampsAreFoundWhileTheyRun() {
        double maxDelay = 0;
        for (long seed = 0; seed < 7; seed++) {
            // demo slow_drift: +5 °C over 9 days on a 21.5 ± 1.5 °C room
            double d1 = rampDelayHours(21.5, 1.5, 0.15, 5, 15, 9, seed);
            // demo fan_degradation: fan -25 % (of 1200 rpm) over 13 days, supply air +2.5 °C
            double d2 = rampDelayHours(1200, 150, 12, -300, 16, 13, seed);
            double d3 = rampDelayHours(14, -1, 0.2, 2.5, 16, 13, seed);
            System.out.printf("DRIFT seed %d: slow_drift %.1f h, fan_rpm %.1f h, supply_air %.1f h%n", seed, d1, d2, d3);
            assertTrue(d1 < 5 * 24, "slow drift found within 5 days: " + d1);
            assertTrue(d2 < 10 * 24 && d3 < 10 * 24, "fan degradation found within 10 days: " + d2 + " / " + d3);
            maxDelay = Math.max(maxDelay, Math.max(d1, Math.max(d2, d3)));
        }
        assertTrue(Double.isFinite(maxDelay));
    }

    @Test
    void oneAlertPerEpisodeAndRearmAfterReturn() {
        LongToDoubleFunction b = signal(50, 2, 0.3, 1);
        long s1 = T0 + 10 * DAY;
        long e1 = s1 + 3 * DAY;
        long s2 = T0 + 22 * DAY;
        LongToDoubleFunction f = t -> b.applyAsDouble(t) + ((t >= s1 && t < e1) || t >= s2 ? 6 : 0);
        List<Long> alerts = run(new DriftMonitor(), f, T0, T0 + 26 * DAY);
        assertEquals(2, alerts.size(), "one per episode: " + alerts);
        assertTrue(alerts.get(0) > s1 && alerts.get(0) < s1 + DAY, "first episode alert within a day");
        assertTrue(alerts.get(1) > s2 && alerts.get(1) < s2 + DAY, "second episode alert within a day");
    }

    @Test
    void levelThatStaysAwayBecomesTheNewNormal() {
        LongToDoubleFunction b = signal(50, 2, 0.3, 2);
        long s = T0 + 8 * DAY;
        LongToDoubleFunction f = t -> b.applyAsDouble(t) + (t >= s ? 8 : 0);
        List<Long> alerts = run(new DriftMonitor(), f, T0, T0 + 40 * DAY);
        assertEquals(1, alerts.size(), "a permanent step alerts once, then is accepted: " + alerts);
    }

    @Test
    void trendFactsFollowTheRamp() {
        LongToDoubleFunction b = signal(1200, 150, 12, 4);
        long s = T0 + 10 * DAY;
        LongToDoubleFunction f = t -> b.applyAsDouble(t) - (t < s ? 0 : 25.0 * (t - s) / DAY);
        DriftMonitor m = new DriftMonitor();
        run(m, f, T0, T0 + 20 * DAY);
        assertTrue(m.episodeOpen());
        assertTrue(m.frozen());
        assertEquals(-25, m.slopePerDay(7), 4, "slope per day over the last 7 days");
        assertEquals(7.0, m.trendDays(12), 1e-9);
        assertTrue(m.excess() < -3, "excess " + m.excess());
        assertTrue(m.reference() > 1150 && m.reference() < 1250, "frozen reference " + m.reference());
    }

    @Test
    void snapshotRestoreContinuesIdentically() {
        LongToDoubleFunction b = signal(21.5, 1.5, 0.15, 5);
        long s = T0 + 12 * DAY;
        LongToDoubleFunction f = t -> b.applyAsDouble(t) + (t < s ? 0 : 0.6 * (t - s) / DAY);
        double[] vals = new double[20 * 1440];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = f.applyAsDouble(T0 + i * MIN);
        }
        DriftMonitor straight = new DriftMonitor().minSpread(0.05);
        List<DriftMonitor.Result> expected = new ArrayList<>();
        for (int i = 0; i < vals.length; i++) {
            expected.add(straight.update(T0 + i * MIN, vals[i]));
        }
        for (int cut : new int[] {100, 5 * 1440 + 17, 14 * 1440 + 33, 17 * 1440}) {
            DriftMonitor m = new DriftMonitor().minSpread(0.05);
            for (int i = 0; i < cut; i++) {
                m.update(T0 + i * MIN, vals[i]);
            }
            byte[] snap = m.snapshot();
            DriftMonitor r = DriftMonitor.restore(snap);
            assertArrayEquals(snap, r.snapshot(), "byte-identical re-snapshot");
            for (int i = cut; i < vals.length; i++) {
                assertEquals(expected.get(i), r.update(T0 + i * MIN, vals[i]), "point " + i + " after restore at " + cut);
            }
            assertArrayEquals(straight.snapshot(), r.snapshot());
        }
        assertTrue(expected.stream().anyMatch(DriftMonitor.Result::alertStarted), "the ramp alerted");
    }

    @Test
    void badSnapshotsAreRejected() {
        byte[] ok = new DriftMonitor().snapshot();
        byte[] magic = ok.clone();
        magic[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.restore(magic));
        byte[] version = ok.clone();
        version[7] = 9;
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.restore(version));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.restore(java.util.Arrays.copyOf(ok, ok.length - 5)));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.restore(longer));
    }

    @Test
    void noLookAheadAndNanIgnored() {
        LongToDoubleFunction f = signal(10, 1, 0.1, 6);
        DriftMonitor a = new DriftMonitor();
        DriftMonitor b = new DriftMonitor();
        Random r = new Random(1);
        int cut = 9 * 1440;
        List<DriftMonitor.Result> ra = new ArrayList<>();
        List<DriftMonitor.Result> rb = new ArrayList<>();
        for (int i = 0; i < 12 * 1440; i++) {
            long t = T0 + i * MIN;
            double v = f.applyAsDouble(t);
            ra.add(a.update(t, v));
            rb.add(b.update(t, i < cut ? v : 1000 * r.nextGaussian()));
            if (i % 97 == 0) {
                assertFalse(a.update(t, Double.NaN).alertStarted());
                b.update(t, Double.NaN);
            }
        }
        assertEquals(ra.subList(0, cut), rb.subList(0, cut));
    }
}
