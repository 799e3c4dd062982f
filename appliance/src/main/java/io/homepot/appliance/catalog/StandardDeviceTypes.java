package io.homepot.appliance.catalog;

import java.util.List;

import io.homepot.appliance.store.DeviceTypeStore;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Thresholds;

/**
 * The device types every appliance knows from its first start (temperature and temperature/humidity sensors,
 * HVAC units, POS terminals, network switches, UPS), each with its metric definitions: unit, normal range and
 * warning/critical thresholds. Devices of these types can be registered and ingested without any set-up;
 * per-device threshold overrides go on the device.
 */
public final class StandardDeviceTypes {
    private StandardDeviceTypes() {
    }

    /** A device type with its metric definitions. */
    public record TypeSpec(String code, String name, String description, List<MetricDefinition> metrics) {
    }

    /** Creates the standard types that are missing; existing types (and operator edits to them) are kept. */
    public static void ensureAll(DeviceTypeStore store) {
        for (TypeSpec t : all()) {
            store.ensure(t.code(), t.name(), t.description(), t.metrics());
        }
    }

    private static MetricDefinition m(String name, String unit, double lo, double hi, Double wl, Double wh, Double cl, Double ch) {
        return new MetricDefinition(name, unit, lo, hi, new Thresholds(wl, wh, cl, ch));
    }

    public static List<TypeSpec> all() {
        MetricDefinition temp = m("temperature", "°C", 18, 27, 16d, 28d, 10d, 35d);
        return List.of(
                new TypeSpec("temperature_sensor", "Temperature sensor", "Room temperature sensor", List.of(temp)),
                new TypeSpec("temp_humidity_sensor", "Temperature/humidity sensor", "Room temperature and humidity sensor",
                        List.of(temp, m("humidity", "%", 30, 60, 25d, 65d, 15d, 80d))),
                new TypeSpec("hvac_unit", "HVAC unit", "Air handling / cooling unit",
                        List.of(m("supply_air_temp", "°C", 10, 18, 8d, 20d, 5d, 24d),
                                m("fan_rpm", "rpm", 900, 1600, 800d, 1800d, 600d, 2000d))),
                new TypeSpec("pos_terminal", "POS terminal", "Point-of-sale terminal",
                        List.of(m("latency_ms", "ms", 0, 120, null, 250d, null, 1000d))),
                new TypeSpec("network_switch", "Network switch", "Managed Ethernet switch",
                        List.of(m("packet_loss_pct", "%", 0, 0.5, null, 2d, null, 10d))),
                new TypeSpec("ups", "UPS", "Uninterruptible power supply",
                        List.of(m("input_voltage", "V", 220, 240, 210d, 250d, 195d, 260d),
                                m("battery_pct", "%", 90, 100, 50d, null, 20d, null))));
    }

}
