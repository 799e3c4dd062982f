package io.homepot.appliance.ai.facts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.store.*;

/** The AI facts' forecast fields as consumers read them (null not NaN, whole hours, horizon, levels, untested). */
class HourlyForecastSourceTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:30:00Z");
    static final Thresholds TEMP = new Thresholds(null, 30.0, null, 35.0), CPU_CRIT_ONLY = new Thresholds(null, null, null, 95.0);
    static Database db;
    static Device dev;
    static HourlyForecastSource src;

    @BeforeAll
    static void seed() throws Exception {
        db = Database.open(DbConfig.embedded(), Files.createTempDirectory("homepot-forecast-facts"));
        Stores stores = Stores.over(db);
        Site site = stores.sites().create("F", null, "UTC", false);
        DeviceType type = stores.deviceTypes().ensure("forecast_facts_t", "T", null, List.of(
                new MetricDefinition("temperature", "°C", 18.0, 27.0, TEMP),
                new MetricDefinition("cpu", "%", 0.0, 80.0, CPU_CRIT_ONLY),
                new MetricDefinition("steady", "°C", 18.0, 27.0, TEMP)));
        dev = stores.devices().create(new NewDevice(site.id(), type.id(), "D", "lab", List.of(), Map.of(), "unknown", false));
        Random rnd = new Random(1);
        List<Sample> s = new ArrayList<>();
        for (int m = 0; m < 7 * 24 * 60; m += 5) {
            Instant t = NOW.minus(Duration.ofMinutes(7 * 24 * 60 - m));
            double h = m / 60.0;
            s.add(new Sample(dev.id(), "temperature", t, 20 + 0.06 * h + 2 * Math.sin(2 * Math.PI * h / 24) + rnd.nextGaussian() * 0.3));
            s.add(new Sample(dev.id(), "cpu", t, 50 + 0.2 * h + rnd.nextGaussian()));
            s.add(new Sample(dev.id(), "steady", t, 22 + 3 * Math.sin(2 * Math.PI * h / 24) + rnd.nextGaussian() * 0.3));
        }
        stores.samples().insert(s);
        src = new HourlyForecastSource(stores.samples());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Map<Long, List<MetricStats>> stats() {
        return Map.of(dev.id(), List.of(
                new MetricStats(dev.id(), "temperature", "°C", 0, 0, 0, 27, NOW, 1, TEMP, 18.0, 27.0),
                new MetricStats(dev.id(), "cpu", "%", 0, 0, 0, 83, NOW, 1, CPU_CRIT_ONLY, 0.0, 80.0),
                new MetricStats(dev.id(), "steady", "°C", 0, 0, 0, 22, NOW, 1, TEMP, 18.0, 27.0)));
    }

    static ForecastFact fact(ForecastSource fs, String metric, int horizon, Instant now) {
        return fs.forecast(List.of(dev), stats(), now, horizon).get(dev.id()).stream()
                .filter(x -> x.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aRisingMetricGetsWholeHoursToItsLevelsAndTheRequestedHorizon() {
        ForecastFact x = fact(src, "temperature", 24, NOW);
        assertEquals(24, x.horizonHours());
        assertEquals("rising", x.direction());
        assertNotNull(x.timeToWarningHours(), x.toString());
        assertTrue(x.timeToWarningHours() >= 1 && x.timeToWarningHours() == Math.rint(x.timeToWarningHours()), x.toString());
        assertNotNull(x.timeToCriticalHours(), x.toString());
        assertTrue(x.timeToCriticalHours() > x.timeToWarningHours(), x.toString());
        assertEquals("warning", x.thresholdLevel());
        assertEquals("hourly_trend_season", x.method());
        assertTrue(x.confidence() > 0.5 && x.confidence() <= 1, x.toString());
        assertEquals(48, fact(src, "temperature", 48, NOW).horizonHours());
    }

    @Test
    void aSteadyCycleBelowItsLevelsIsNeverReachedNullNotNaN() {
        ForecastFact x = fact(src, "steady", 24, NOW);
        assertNull(x.timeToWarningHours(), x.toString());
        assertNull(x.timeToCriticalHours(), x.toString());
        assertTrue(x.riskScore() < 0.05 && Double.isFinite(x.predicted()), x.toString());
        assertFalse(FactSheets.Narration.forecastSentence(x).contains("in about"), FactSheets.Narration.forecastSentence(x));
    }

    @Test
    void aMetricWithOnlyACriticalLevelHasNoTimeToWarning() {       // the forecaster counts any limit as a warning
        ForecastFact x = fact(src, "cpu", 24, NOW);
        assertNotNull(x.timeToCriticalHours(), x.toString());
        assertNull(x.timeToWarningHours(), x.toString());
        assertFalse(FactSheets.Narration.forecastSentence(x).contains("warning level"), FactSheets.Narration.forecastSentence(x));
    }

    @Test
    void aZeroHorizonQuestionGivesAFinitePrediction() {              // "next 0 hours" predicted -9.2e16 before
        ForecastFact x = fact(src, "temperature", 0, NOW);
        assertTrue(Math.abs(x.predicted()) < 1e6, x.toString());
        assertTrue(x.horizonHours() >= 1, x.toString());
    }

    /** A metric with too little history for any held-back day says so: no 0.90 prior passed off as a measurement. */
    @Test
    void aMetricWithoutAScoredHeldBackDayIsMarkedUntested() {
        ForecastFact x = fact(src, "temperature", 24, NOW.minus(Duration.ofDays(7)).plus(Duration.ofHours(20)));
        assertEquals("hourly_trend_season_untested", x.method(), x.toString());
        assertEquals(HourlyForecastSource.UNTESTED_CONFIDENCE, x.confidence(), x.toString());
    }

    @Test
    void theCacheDoesNotServeOneHorizonsFactsForAnother() {          // entries were per device only
        CachedForecastSource c = new CachedForecastSource(src, Duration.ofMinutes(10));
        assertEquals(6, fact(c, "temperature", 6, NOW).horizonHours());
        assertEquals(24, fact(c, "temperature", 24, NOW.plusSeconds(60)).horizonHours());
    }
}
