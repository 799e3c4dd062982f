package io.homepot.appliance.incidents;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Incident;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;

/** A small site shaped like the demo's "Building A": sensors, HVAC, network, UPS, POS and a recorder. */
final class SiteFixture {
    final Site site;
    final Map<String, Device> devices = new LinkedHashMap<>();

    private SiteFixture(Site site) {
        this.site = site;
    }

    static SiteFixture create(Stores stores, String name) {
        SiteFixture f = new SiteFixture(stores.sites().create(name, "1 Test Street", "Europe/London", false));
        DeviceType temp = stores.deviceTypes().ensure("temperature_sensor", "Temperature sensor", null, List.of(
                new MetricDefinition("temperature", "°C", 18.0, 24.0, new Thresholds(10.0, 30.0, 5.0, 35.0)),
                new MetricDefinition("humidity", "%", 30.0, 60.0, new Thresholds(25.0, 65.0, 15.0, 80.0))));
        DeviceType hvac = stores.deviceTypes().ensure("hvac", "HVAC unit", null, List.of(
                new MetricDefinition("supply_temp", "°C", 12.0, 18.0, new Thresholds(null, 20.0, null, 25.0)),
                new MetricDefinition("fan_rpm", "rpm", 1500.0, 2000.0, new Thresholds(1000.0, null, 600.0, null))));
        DeviceType sw = stores.deviceTypes().ensure("network_switch", "Network switch", null, List.of(
                new MetricDefinition("packet_loss", "%", 0.0, 1.0, new Thresholds(null, 5.0, null, 20.0))));
        DeviceType ups = stores.deviceTypes().ensure("ups", "UPS", null, List.of(
                new MetricDefinition("battery_charge", "%", 90.0, 100.0, new Thresholds(50.0, null, 25.0, null))));
        DeviceType pos = stores.deviceTypes().ensure("pos_terminal", "POS terminal", null, List.of(
                new MetricDefinition("response_time", "ms", 200.0, 1200.0, new Thresholds(null, 3000.0, null, 8000.0))));
        DeviceType nvr = stores.deviceTypes().ensure("nvr", "Video recorder", null, List.of(
                new MetricDefinition("disk_usage", "%", 10.0, 80.0, new Thresholds(null, 90.0, null, 97.0))));
        f.add(stores, temp, "Temp Sensor - Server Room", "Server room");
        f.add(stores, temp, "Temp Sensor - Stock Room", "Stock room");
        f.add(stores, hvac, "HVAC-2", "Server room");
        f.add(stores, hvac, "HVAC-1", "Sales floor");
        f.add(stores, sw, "Core Switch", "Server room");
        f.add(stores, ups, "UPS-1", "Server room");
        f.add(stores, pos, "POS-12", "Checkout");
        f.add(stores, pos, "POS-14", "Checkout");
        f.add(stores, nvr, "NVR", "Server room");
        return f;
    }

    private void add(Stores stores, DeviceType t, String name, String location) {
        devices.put(name, stores.devices().create(new NewDevice(site.id(), t.id(), name, location, List.of(), Map.of(),
                null, false)));
    }

    Device device(String name) {
        return devices.get(name);
    }

    /** The incident the scoring path writes for the demo's server-room temperature spike (same wording). */
    static String temperatureSpikeText() {
        return "Temperature on Temp Sensor - Server Room rose to 34.6 °C, 6.2σ above its usual 21.5 °C for 14:30, "
                + "above its warning threshold 30 °C; supply temp on HVAC-2 (server room) also rose 3 min earlier.";
    }

    static Incident incident(Device d, String text, String category, String severity, Instant at) {
        return new Incident(null, d.id(), text, category, severity, null, at, null);
    }
}
