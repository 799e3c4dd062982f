package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.store.AnomalyLog;
import io.homepot.appliance.store.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slow rise through the type's warning limit raises one threshold alert through the engine. */
class ThresholdEngineTest {
    @Test
    void slowRiseThroughTheWarningLimitRaisesAThresholdAlert(@TempDir Path dir) throws Exception {
        try (ScoringFixture f = new ScoringFixture(dir)) {
            Instant rampStart = ScoringFixture.T0.plus(Duration.ofDays(2));
            List<Sample> base = ScoringFixture.temperature(f.sensor.id(), ScoringFixture.T0, 3 * 1440, null, 0, 5);
            List<Sample> temp = new ArrayList<>();
            for (Sample s : base) {
                double hours = Duration.between(rampStart, s.ts()).toMinutes() / 60.0;
                double v = s.value() + (hours <= 0 ? 0 : Math.min(12, 0.4 * hours));   // +0.4 °C/h up to +12 °C
                temp.add(new Sample(s.deviceId(), s.metric(), s.ts(), Math.round(v * 100) / 100.0));
            }
            f.startEngine();
            ScoringEngineTest.feed(f, temp, 0, temp.size());
            f.idle();
            List<AnomalyLog> rows = new ScoringQueries(f.db).allAnomalies(f.site.id());
            AnomalyLog t = rows.stream().filter(a -> a.details().contains("\"source\":\"threshold\"")).findFirst()
                    .orElse(null);
            assertNotNull(t, "no threshold alert: " + rows);
            assertEquals("warning", t.severity());
            assertTrue(t.details().contains("\"threshold\":30"), t.details());
            String text = f.stores.incidents().list(f.sensor.id(), 20).stream()
                    .filter(i -> i.createdAt().equals(t.createdAt())).findFirst().orElseThrow().patternDescription();
            assertTrue(text.matches("Temperature on Sensor R101 \\(server room\\) rose to 3\\d(\\.\\d+)? °C, above its warning "
                    + "threshold of 30 °C.*"), text);
            // crossed by at least two samples, and one excursion raised one threshold alert
            assertTrue(temp.stream().filter(s -> !s.ts().isAfter(t.createdAt())).filter(s -> s.value() > 30).count() >= 2);
            assertEquals(1, rows.stream().filter(a -> a.details().contains("\"source\":\"threshold\"")).count(), rows.toString());
            // one incident -> one alert: no two alerts of the series within an hour
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(Duration.between(rows.get(i - 1).createdAt(), rows.get(i).createdAt()).toMinutes() > 60
                        || !rows.get(i - 1).metric().equals(rows.get(i).metric()), rows.toString());
            }
        }
    }
}
