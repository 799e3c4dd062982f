package io.homepot.scoring.classify;

import org.junit.jupiter.api.Test;

import static io.homepot.scoring.classify.PatternCategory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PatternClassifierTest {
    private final PatternClassifier c = new PatternClassifier();

    @Test
    void metricNameDecides() {
        assertEquals(TEMPERATURE, c.classify("temperature", "sensor"));
        assertEquals(TEMPERATURE, c.classify("cpu_temp", "server"));
        assertEquals(HUMIDITY, c.classify("humidity", "sensor"));
        assertEquals(HUMIDITY, c.classify("rh", "sensor"));
        assertEquals(CONNECTIVITY, c.classify("wifi_rssi", "gateway"));
        assertEquals(CONNECTIVITY, c.classify("ping_latency_ms", "router"));
        assertEquals(POWER, c.classify("battery_level", "sensor"));
        assertEquals(POWER, c.classify("supply_voltage", "pos"));
        assertEquals(STORAGE, c.classify("disk_used_pct", "server"));
        assertEquals(MECHANICAL, c.classify("fan_rpm", "hvac"));
        assertEquals(MECHANICAL, c.classify("vibration", "pump"));
        assertEquals(PERFORMANCE, c.classify("cpu_usage", "server"));
        assertEquals(PERFORMANCE, c.classify("memory_used", "pos_terminal"));
    }

    @Test
    void deviceTypeIsTheFallback() {
        assertEquals(TEMPERATURE, c.classify("reading", "hvac"));
        assertEquals(POWER, c.classify("value", "ups"));
        assertEquals(MECHANICAL, c.classify("value", "pump"));
        assertEquals(OTHER, c.classify("value", "kiosk"));
        assertEquals(OTHER, c.classify(null, null));
    }

    @Test
    void shortKeywordsDoNotMatchInsideWords() {
        assertEquals(OTHER, c.classify("amplitude", "kiosk")); // "amp" only as a whole token
        assertEquals(OTHER, c.classify("dwrh_index", "kiosk")); // "rh" only as a whole token
    }
}
