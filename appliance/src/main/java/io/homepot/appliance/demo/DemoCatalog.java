package io.homepot.appliance.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Thresholds;

/**
 * The fixed content of the demo site "Building A": 42 devices over the 6
 * {@link io.homepot.appliance.catalog.StandardDeviceTypes standard device types}, and the injected-incident plan (positions are fractions of the back-fill window,
 * so the schedule is deterministic for a given anchor time and window length).
 */
public final class DemoCatalog {
    private DemoCatalog() {
    }

    /**
     * A device to create.
     *
     * @param base  per-metric baseline level
     * @param swing per-metric daily swing (amplitude)
     * @param noise per-metric noise standard deviation
     */
    public record DeviceSpec(String name, String type, String location, List<String> tags, Map<String, Double> base,
                             Map<String, Double> swing, Map<String, Double> noise, Map<String, Thresholds> overrides) {
    }

    /**
     * An incident to inject.
     *
     * @param kind          temperature_spike, cooling_response, connectivity_flap, power_dip, slow_drift,
     *                      stuck_sensor, fan_degradation
     * @param startFraction start as a fraction of the window (0 = window start, 1 = anchor), hour-aligned
     * @param minutes       duration in minutes; -1 = until the anchor (end of back-fill)
     */
    public record IncidentSpec(String kind, String device, String metric, double startFraction, int hourOfDay,
                               int offsetMinutes, long minutes, String description) {
    }

    public static List<DeviceSpec> devices() {
        List<DeviceSpec> out = new ArrayList<>();
        for (String room : List.of("Server Room", "Office 2", "Archive", "Lab", "Retail Floor", "Warehouse")) {
            boolean server = room.equals("Server Room");
            out.add(new DeviceSpec("TH Sensor - " + room, "temp_humidity_sensor", room, List.of("floor-1", "climate"),
                    Map.of("temperature", server ? 19.5 : 22.0, "humidity", server ? 40.0 : 46.0),
                    Map.of("temperature", server ? 0.6 : 1.6, "humidity", 3.0),
                    Map.of("temperature", 0.15, "humidity", 0.6),
                    server ? Map.of("temperature", new Thresholds(null, 25d, null, 30d)) : Map.of()));
        }
        for (String room : List.of("Lobby", "Office 1", "Office 3", "Office 4", "Meeting Room", "Kitchen", "Storage Room",
                "Corridor North", "Corridor South", "Stockroom")) {
            out.add(new DeviceSpec("Temp Sensor - " + room, "temperature_sensor", room, List.of("climate"),
                    Map.of("temperature", room.equals("Kitchen") ? 23.0 : 21.5), Map.of("temperature", 1.5),
                    Map.of("temperature", 0.15), Map.of()));
        }
        for (int i = 1; i <= 6; i++) {
            String loc = i == 1 ? "Server Room" : "Roof zone " + i;
            out.add(new DeviceSpec(String.format("HVAC-%02d", i), "hvac_unit", loc, List.of("hvac"),
                    Map.of("supply_air_temp", 14.0, "fan_rpm", 1200.0), Map.of("supply_air_temp", -1.0, "fan_rpm", 150.0),
                    Map.of("supply_air_temp", 0.2, "fan_rpm", 12.0), Map.of()));
        }
        for (int i = 1; i <= 12; i++) {
            out.add(new DeviceSpec(String.format("POS-%02d", i), "pos_terminal", i <= 8 ? "Retail Floor" : "Cafe",
                    List.of("pos", "retail"), Map.of("latency_ms", 45.0), Map.of("latency_ms", 15.0),
                    Map.of("latency_ms", 5.0), Map.of()));
        }
        for (int i = 1; i <= 5; i++) {
            out.add(new DeviceSpec(String.format("SW-%02d", i), "network_switch", i == 1 ? "Server Room" : "Floor " + (i - 1),
                    List.of("network"), Map.of("packet_loss_pct", 0.05), Map.of("packet_loss_pct", 0.02),
                    Map.of("packet_loss_pct", 0.02), Map.of()));
        }
        for (int i = 1; i <= 3; i++) {
            out.add(new DeviceSpec(String.format("UPS-%02d", i), "ups", i == 1 ? "Server Room" : "Electrical Room " + i,
                    List.of("power"), Map.of("input_voltage", 230.0, "battery_pct", 100.0),
                    Map.of("input_voltage", -2.0, "battery_pct", 0.0), Map.of("input_voltage", 0.8, "battery_pct", 0.05),
                    Map.of()));
        }
        return out;
    }

    /** The injected incidents, in schedule order. */
    public static List<IncidentSpec> incidents() {
        return List.of(
                new IncidentSpec("stuck_sensor", "TH Sensor - Office 2", "humidity", 0.20, 9, 0, 36 * 60,
                        "Humidity reading frozen at a constant value for 36 hours"),
                new IncidentSpec("power_dip", "UPS-01", "input_voltage", 0.30, 3, 0, 8,
                        "Mains voltage dip to ~185 V; UPS switched to battery, battery recharged over 2 hours"),
                new IncidentSpec("connectivity_flap", "POS-07", "latency_ms", 0.40, 12, 0, 30,
                        "POS terminal lost connectivity repeatedly (offline/online events, latency spikes)"),
                new IncidentSpec("slow_drift", "Temp Sensor - Storage Room", "temperature", 0.50, 0, 0, 9 * 24 * 60,
                        "Temperature reading drifting upwards by ~5 °C over 9 days (sensor calibration drift)"),
                new IncidentSpec("fan_degradation", "HVAC-04", "fan_rpm", 0.55, 0, 0, -1,
                        "Gradual fan degradation: fan speed falling ~25 % while supply air warms"),
                new IncidentSpec("connectivity_flap", "SW-02", "packet_loss_pct", 0.60, 10, 0, 40,
                        "Switch uplink flapping: link down/up events and packet loss up to 25 %"),
                new IncidentSpec("temperature_spike", "TH Sensor - Server Room", "temperature", 0.85, 14, 0, 45,
                        "Server room temperature spike to ~33 °C"),
                new IncidentSpec("cooling_response", "HVAC-01", "fan_rpm", 0.85, 14, 10, 120,
                        "Cooling response to the server room spike: fan speed up, supply air colder"));
    }
}
