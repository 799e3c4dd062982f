package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Thresholds;
import org.junit.jupiter.api.Test;

/** Names, numbers and the incident sentence are built from facts only. */
class DescribeTest {
    @Test
    void metricNamesAndNumbers() {
        assertEquals("Temperature", Describe.metricName("temperature"));
        assertEquals("Packet loss", Describe.metricName("packet_loss_pct"));
        assertEquals("Latency", Describe.metricName("latency_ms"));
        assertEquals("Fan speed", Describe.metricName("fan_rpm"));
        assertEquals("Supply air temperature", Describe.metricName("supply_air_temp"));
        assertEquals("CPU usage", Describe.metricName("cpu_usage"));
        assertEquals("85.2 °C", Describe.num(85.2, "°C"));
        assertEquals("72 °C", Describe.num(72.0, "°C"));
        assertEquals("1619 rpm", Describe.num(1619.4, "rpm"));
        assertEquals("0.0549 %", Describe.num(0.05487, "%"));
        assertEquals("3 min later", Describe.offset(170));
        assertEquals("2 min earlier", Describe.offset(-120));
    }

    @Test
    void incidentSentence() {
        DeviceInfo info = new DeviceInfo(1, 1, "Sensor R101", "server room", "temperature_sensor", "Temperature sensor",
                ZoneOffset.UTC, Map.of("temperature", new DeviceInfo.MetricInfo("°C", new Thresholds(null, 80.0, null, 90.0))));
        AlertFact a = new AlertFact(1, "temperature", Instant.parse("2026-11-25T14:07:00Z"), 85.2, 72.0, 4.13, 0.9,
                "spike", new DeviceHealth(0.5, "warning", Instant.EPOCH, List.of()), Map.of());
        assertEquals("Temperature on Sensor R101 (server room) rose to 85.2 °C, 4.1σ above its usual 72 °C for 14:00, "
                        + "above its warning threshold 80 °C; HVAC-2 (server room) reported compressor start 3 min later.",
                IncidentWriter.describe(a, info, List.of("HVAC-2 (server room) reported compressor start 3 min later")));
        DeviceInfo named = new DeviceInfo(2, 1, "TH Sensor - Server Room", "Server Room", "t", "t", ZoneOffset.UTC, Map.of());
        assertEquals("TH Sensor - Server Room", named.label());
    }
}
