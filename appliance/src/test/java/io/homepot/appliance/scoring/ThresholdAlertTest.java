package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.homepot.scoring.health.Thresholds;
import org.junit.jupiter.api.Test;

/** Threshold alerting (dwell, hysteresis, severity) and the threshold/drift incident sentences. */
class ThresholdAlertTest {
    static final Thresholds FAN = new Thresholds(800, 1800, 600, 2000);
    static final long MIN = 60_000L;

    static List<String> feed(ThresholdWatch w, double... values) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ThresholdWatch.Fire f = w.update(i * MIN, values[i], FAN);
            if (f != null) {
                out.add(i + ":" + f.levelName() + (f.above() ? ">" : "<") + Describe.fmt(f.limit()));
            }
        }
        return out;
    }

    @Test
    void oneNoisySampleDoesNotFire() {
        assertEquals(List.of(), feed(new ThresholdWatch(), 1200, 790, 1200, 1900, 1200, 1200));
    }

    @Test
    void dwellThenOneAlertPerExcursionWithHysteresis() {
        ThresholdWatch w = new ThresholdWatch();
        // two samples below 800 -> warning; wobbling around the limit (inside, but not by the 2 % margin) never re-arms
        double[] v = new double[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 5 ? 1000 : i < 30 ? (i % 2 == 0 ? 795 : 810) : 1000;
        }
        v[5] = 790;
        v[6] = 785;
        List<String> fired = feed(w, v);
        assertEquals(List.of("6:warning<800"), fired);
        // 30 min back inside by the margin re-armed it: the next excursion alerts again
        assertEquals(0, w.open);
        assertNull(w.update(61 * MIN, 700, FAN));
        ThresholdWatch.Fire again = w.update(62 * MIN, 700, FAN);
        assertNotNull(again);
        assertEquals("warning", again.levelName());
    }

    @Test
    void severityIsTheWorstSampleOfTheDwell() {
        assertEquals(List.of("1:critical>2000"), feed(new ThresholdWatch(), 2100, 1900, 1900));
        assertEquals(List.of("2:critical<600"), feed(new ThresholdWatch(), 1000, 590, 700));
    }

    @Test
    void stateRoundTrips() throws Exception {
        ThresholdWatch w = new ThresholdWatch();
        feed(w, 1000, 790, 780, 1000);
        w.lastDetectorAlert = 123;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        w.write(new DataOutputStream(b));
        ThresholdWatch r = ThresholdWatch.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
        assertEquals(w.open, r.open);
        assertEquals(w.insideSince, r.insideSince);
        assertEquals(123, r.lastDetectorAlert);
        assertNull(r.update(10 * MIN, 700, FAN), "still in the same excursion");
    }

    @Test
    void driftFloorFromLimits() {
        assertEquals(10.0, ThresholdWatch.driftFloor(FAN), 1e-9);
        assertEquals(0.5, ThresholdWatch.driftFloor(Thresholds.lower(50, 20)), 1e-9);
        assertEquals(0.0, ThresholdWatch.driftFloor(Thresholds.NONE), 1e-9);
    }

    @Test
    void thresholdAndDriftSentences() {
        DeviceInfo info = new DeviceInfo(4, 1, "HVAC-04", "Roof zone 4", "hvac_unit", "HVAC unit", ZoneOffset.UTC,
                Map.of("fan_rpm", new DeviceInfo.MetricInfo("rpm",
                        new io.homepot.appliance.store.Thresholds(800.0, 1800.0, 600.0, 2000.0))));
        DeviceHealth h = new DeviceHealth(0.7, "warning", Instant.EPOCH, List.of());
        AlertFact t = new AlertFact(4, "fan_rpm", Instant.parse("2026-11-25T03:00:00Z"), 790, 1050, -5, 0.8, "threshold",
                h, Map.of(), new AlertFact.Trend("threshold", 800, "warning", Double.NaN, Double.NaN, -23.2, 7, 38));
        assertEquals("Fan speed on HVAC-04 (Roof zone 4) fell to 790 rpm, below its warning threshold of 800 rpm; "
                + "it has fallen 23.2 rpm/day over the last 7 days.", IncidentWriter.describe(t, info, List.of()));
        assertEquals("warning", IncidentWriter.severity(t, info.metric("fan_rpm")));
        // a slope within the weekly noise is not stated
        AlertFact flat = new AlertFact(4, "fan_rpm", t.ts(), 790, 1050, -5, 0.8, "threshold", h, Map.of(),
                new AlertFact.Trend("threshold", 800, "warning", Double.NaN, Double.NaN, -5, 7, 38));
        assertEquals("Fan speed on HVAC-04 (Roof zone 4) fell to 790 rpm, below its warning threshold of 800 rpm.",
                IncidentWriter.describe(flat, info, List.of()));
        AlertFact d = new AlertFact(4, "fan_rpm", t.ts(), 1010, 1200, -3.4, 0.8, "drift", h, Map.of(),
                new AlertFact.Trend("drift", Double.NaN, null, 1165, 1235, -22.5, 7, 38));
        String text = IncidentWriter.describe(d, info, List.of("supply air temperature on HVAC-04 also rose 5 min later"));
        assertEquals("Fan speed on HVAC-04 (Roof zone 4) has drifted down: its daily level is 1010 rpm, usually 1200 rpm "
                + "over the previous week (range 1165 to 1235 rpm), 3.4σ beyond that range; it has fallen 22.5 rpm/day over "
                + "the last 7 days; supply air temperature on HVAC-04 also rose 5 min later.", text);
        assertEquals("warning", IncidentWriter.severity(d, info.metric("fan_rpm")));
        assertTrue(IncidentWriter.describe(new AlertFact(4, "fan_rpm", t.ts(), 1900, 1200, 6, 0.9, "spike", h, Map.of()),
                info, List.of()).contains("above its warning threshold 1800 rpm"));
    }
}
