package io.homepot.appliance.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.homepot.appliance.ai.query.QueryIntent;
import io.homepot.appliance.ai.query.QueryParser;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Thresholds;
import org.junit.jupiter.api.Test;

/** Query understanding on a small catalog shaped like the demo site (pure, no database). */
class QueryParserTest {
    static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z"); // a Wednesday
    static final Site A = new Site(1, "Building A", null, "UTC", true, NOW);
    static final Site B = new Site(2, "Warehouse B", null, "UTC", false, NOW);
    static final List<DeviceType> TYPES = List.of(
            type(1, "temp_humidity_sensor", "Temperature/humidity sensor", "temperature", "humidity"),
            type(2, "temperature_sensor", "Temperature sensor", "temperature"),
            type(3, "hvac_unit", "HVAC unit", "supply_air_temp", "fan_rpm"),
            type(4, "pos_terminal", "POS terminal", "latency_ms"),
            type(5, "network_switch", "Network switch", "packet_loss_pct"),
            type(6, "ups", "UPS", "input_voltage", "battery_pct"));
    static final List<Device> DEVICES = new ArrayList<>();

    static {
        long id = 1;
        for (String room : List.of("Server Room", "Office 2", "Lab")) {
            DEVICES.add(device(id++, 1, "TH Sensor - " + room, room));
        }
        for (String room : List.of("Lobby", "Kitchen", "Storage Room")) {
            DEVICES.add(device(id++, 2, "Temp Sensor - " + room, room));
        }
        for (int i = 1; i <= 4; i++) {
            DEVICES.add(device(id++, 3, String.format("HVAC-%02d", i), i == 1 ? "Server Room" : "Roof"));
        }
        for (int i = 1; i <= 12; i++) {
            DEVICES.add(device(id++, 4, String.format("POS-%02d", i), "Retail Floor"));
        }
        DEVICES.add(device(id++, 5, "SW-01", "Server Room"));
        DEVICES.add(device(id, 6, "UPS-01", "Server Room"));
    }

    private static DeviceType type(long id, String code, String name, String... metrics) {
        return new DeviceType(id, code, name, null, java.util.Arrays.stream(metrics)
                .map(m -> new MetricDefinition(m, "", null, null, Thresholds.NONE)).toList());
    }

    private static Device device(long id, long type, String name, String location) {
        String code = TYPES.get((int) type - 1).code();
        return new Device(id, 1, type, code, name, location, List.of(), Map.of(), "healthy", 1.0, NOW, true, NOW);
    }

    private static QueryIntent parse(String q) {
        return new QueryParser().parse(q, new QueryParser.Catalog(List.of(A, B), Map.of(1L, DEVICES), TYPES), NOW);
    }

    private static List<String> names(QueryIntent i) {
        return i.devices().stream().map(Device::name).toList();
    }

    @Test
    void sensorsRanHotThisWeek() {
        QueryIntent i = parse("Which sensors in Building A ran hot this week?");
        assertEquals("Building A", i.site().name());
        assertEquals(Set.of("temp_humidity_sensor", "temperature_sensor"), i.typeCodes());
        assertEquals(List.of(new QueryIntent.MetricCondition("temperature", "high")), i.metrics());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), i.range().from(), "since Monday");
        assertEquals("this week", i.range().label());
        assertTrue(i.devices().isEmpty());
        assertFalse(i.forecast());
    }

    @Test
    void aliasesOfPos12() {
        for (String q : List.of("What is wrong with POS-12?", "what's wrong with pos 12", "pos12 status", "POS 12 slow?")) {
            assertEquals(List.of("POS-12"), names(parse(q)), q);
        }
        assertEquals(List.of("POS-01"), names(parse("check pos 1 please")));
        assertEquals(List.of("HVAC-04"), names(parse("status of hvac 4")));
    }

    @Test
    void descriptionMatchesRareWords() {
        assertEquals(List.of("TH Sensor - Server Room"), names(parse("how is the server room sensor?")));
        assertEquals(List.of("Temp Sensor - Kitchen"), names(parse("is the kitchen too warm?")));
        assertTrue(parse("is everything ok?").devices().isEmpty());
    }

    @Test
    void tomorrowIsAForecast() {
        QueryIntent i = parse("Is anything likely to fail tomorrow?");
        assertTrue(i.forecast());
        assertEquals(32, i.horizonHours(), "until the end of tomorrow");
        assertTrue(i.devices().isEmpty() && i.typeCodes().isEmpty());
        assertTrue(parse("will the UPS battery hold?").forecast());
        assertEquals(Set.of("ups"), parse("will the UPS battery hold?").typeCodes());
        assertEquals(12, parse("what happens in the next 12 hours").horizonHours());
        assertEquals(1, parse("what happens in the next 0 hours").horizonHours(), "a zero horizon is one hour");
    }

    @Test
    void timeRanges() {
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), parse("alarms today").range().from());
        QueryIntent y = parse("what happened yesterday");
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), y.range().from());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), y.range().to());
        assertEquals(NOW.minus(Duration.ofHours(6)), parse("switch errors in the last 6 hours").range().from());
        assertEquals(NOW.minus(Duration.ofDays(3)), parse("past 3 days of humidity").range().from());
        assertEquals(NOW.minus(Duration.ofHours(24)), parse("anything odd?").range().from());
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), parse("last week").range().from());
    }

    @Test
    void typesAndMetrics() {
        assertEquals(Set.of("hvac_unit"), parse("are the HVAC units ok").typeCodes());
        assertEquals(Set.of("network_switch"), parse("any switches dropping packets?").typeCodes());
        assertEquals(Set.of("pos_terminal"), parse("are the tills slow").typeCodes());
        assertTrue(parse("humidity in the lab").metrics().contains(new QueryIntent.MetricCondition("humidity", "any")));
        assertEquals(List.of(new QueryIntent.MetricCondition("input_voltage", "any"),
                new QueryIntent.MetricCondition("battery_pct", "any")), parse("power problems").metrics());
        assertEquals("Warehouse B", parse("how is Warehouse B?").site().name());
    }
}
