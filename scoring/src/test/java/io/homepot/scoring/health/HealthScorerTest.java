package io.homepot.scoring.health;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class HealthScorerTest {
    private final HealthScorer scorer = new HealthScorer(HealthConfig.defaults());
    private final Thresholds temp = Thresholds.upper(30, 40);

    private static MetricInput metric(String name, double value, double sigma, Thresholds t, double hours) {
        return new MetricInput(name, value, sigma, t, hours);
    }

    @Test
    void allNormalIsPerfectlyHealthy() {
        HealthReport r = scorer.score(List.of(metric("temperature", 22, 1.0, temp, Double.NaN)), DeviceEvents.NONE);
        assertEquals(1.0, r.score(), 1e-12);
        assertEquals(HealthStatus.HEALTHY, r.status());
        assertTrue(r.factors().isEmpty());
    }

    @Test
    void warningThresholdCostsQuarterAndIsWarning() {
        HealthReport r = scorer.score(List.of(metric("temperature", 33, 0, temp, Double.NaN)), DeviceEvents.NONE);
        assertEquals(0.75, r.score(), 1e-12);
        assertEquals(HealthStatus.WARNING, r.status());
        assertEquals("threshold:temperature", r.factors().get(0).name());
        assertTrue(r.factors().get(0).explanation().contains("warning limit (max 30)"), r.factors().get(0).explanation());
    }

    @Test
    void criticalThresholdAloneMakesDeviceCritical() {
        HealthReport r = scorer.score(List.of(metric("temperature", 45, 0, temp, Double.NaN)), DeviceEvents.NONE);
        assertEquals(0.35, r.score(), 1e-12);
        assertEquals(HealthStatus.CRITICAL, r.status());
    }

    @Test
    void deviationPenaltyIsLinearBetween3And8Sigma() {
        assertEquals(1.0, scorer.score(List.of(metric("t", 22, 3.0, temp, Double.NaN)), DeviceEvents.NONE).score(), 1e-12);
        assertEquals(1 - 0.125, scorer.score(List.of(metric("t", 22, -5.5, temp, Double.NaN)), DeviceEvents.NONE).score(), 1e-12);
        HealthReport r = scorer.score(List.of(metric("t", 22, 20, temp, Double.NaN)), DeviceEvents.NONE);
        assertEquals(0.75, r.score(), 1e-12);
        assertTrue(r.factors().get(0).explanation().contains("20.0 sigma above"));
    }

    @Test
    void trendAndEventsAddUpAndFactorsAreSortedByPenalty() {
        HealthReport r = scorer.score(List.of(metric("temperature", 25, 0, temp, 12.0)),
                new DeviceEvents(2, 1, false));
        // trend 0.15 * (1 - 12/24) = 0.075, errors 2 * 0.05 = 0.10, connectivity 0.10
        assertEquals(1 - 0.075 - 0.10 - 0.10, r.score(), 1e-12);
        assertEquals(HealthStatus.WARNING, r.status());
        assertEquals(3, r.factors().size());
        assertTrue(r.factors().get(0).penalty() >= r.factors().get(2).penalty());
        assertEquals("trend:temperature", r.factors().get(2).name());
    }

    @Test
    void eventPenaltiesAreCappedAndScoreNeverNegative() {
        HealthReport r = scorer.score(List.of(metric("temperature", 99, 50, temp, Double.NaN),
                metric("humidity", 99, 50, Thresholds.upper(60, 80), Double.NaN)), new DeviceEvents(100, 100, true));
        assertEquals(0.0, r.score());
        assertEquals(HealthStatus.CRITICAL, r.status());
        double errors = r.factors().stream().filter(f -> f.name().equals("errors")).findFirst().orElseThrow().penalty();
        assertEquals(0.25, errors, 1e-12);
    }

    @Test
    void statusLimitsAreConfigurable() {
        HealthConfig strict = new HealthConfig(0.9, 0.8, 3, 8, 0.25, 0.25, 0.65, 24, 0.15, 0.05, 0.25, 0.1, 0.3, 0.6);
        HealthReport r = new HealthScorer(strict).score(List.of(), new DeviceEvents(3, 0, false));
        assertEquals(0.85, r.score(), 1e-12);
        assertEquals(HealthStatus.WARNING, r.status());
        assertEquals(HealthStatus.HEALTHY, HealthConfig.defaults().statusOf(0.85));
        assertThrows(IllegalArgumentException.class,
                () -> new HealthConfig(0.3, 0.5, 3, 8, 0.25, 0.25, 0.65, 24, 0.15, 0.05, 0.25, 0.1, 0.3, 0.6));
    }

    @Test
    void perDeviceOverridesReplaceOnlyTheLimitsTheySet() {
        ThresholdBook book = new ThresholdBook()
                .type("sensor", "temperature", Thresholds.upper(30, 40))
                .override("R101", "temperature", Thresholds.upper(35, Double.NaN));
        Thresholds t = book.resolve("sensor", "R101", "temperature");
        assertEquals(35, t.warningHigh());
        assertEquals(40, t.criticalHigh());
        assertEquals(Thresholds.Level.NORMAL, t.levelOf(33));
        assertEquals(Thresholds.Level.WARNING, book.resolve("sensor", "R102", "temperature").levelOf(33));
        assertEquals(Thresholds.NONE, book.resolve("pump", "P1", "temperature"));
        assertEquals(Thresholds.Level.CRITICAL, Thresholds.lower(20, 10).levelOf(5));
    }

    @Test
    void severityFromThresholdBandOrSigma() {
        assertEquals(Severity.INFO, Severity.of(3.5, Thresholds.Level.NORMAL));
        assertEquals(Severity.WARNING, Severity.of(-4.5, Thresholds.Level.NORMAL));
        assertEquals(Severity.WARNING, Severity.of(1.0, Thresholds.Level.WARNING));
        assertEquals(Severity.CRITICAL, Severity.of(7.0, Thresholds.Level.NORMAL));
        assertEquals(Severity.CRITICAL, Severity.of(Double.NaN, Thresholds.Level.CRITICAL));
    }
}
