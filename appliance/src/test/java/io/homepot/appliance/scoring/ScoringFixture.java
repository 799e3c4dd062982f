package io.homepot.appliance.scoring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;

/**
 * A real H2 file database in a temp dir with one site ("Building T"), a temperature sensor "Sensor R101" and an
 * HVAC unit "HVAC-2" in the server room, plus an ingest stand-in that commits then notifies the engine.
 */
final class ScoringFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    final Path dir;
    final Database db;
    final Stores stores;
    final ScoringBus bus = new ScoringBus();
    final Site site;
    final Device sensor;
    final Device hvac;
    ScoringEngine engine;

    ScoringFixture(Path dir) {
        this.dir = dir;
        this.db = Database.open(DbConfig.embedded(), dir);
        this.stores = Stores.over(db);
        Site s = stores.sites().findByName("Building T").orElse(null);
        if (s == null) {
            s = stores.sites().create("Building T", null, "UTC", false);
            DeviceType temp = stores.deviceTypes().ensure("temp_sensor_t", "Temperature sensor", null,
                    List.of(new MetricDefinition("temperature", "°C", 18.0, 27.0, new Thresholds(null, 30.0, null, 35.0))));
            DeviceType hv = stores.deviceTypes().ensure("hvac_t", "HVAC unit", null,
                    List.of(new MetricDefinition("supply_temp", "°C", 10.0, 20.0, Thresholds.NONE)));
            stores.devices().create(new NewDevice(s.id(), temp.id(), "Sensor R101", "server room", List.of(), Map.of(),
                    "unknown", false));
            stores.devices().create(new NewDevice(s.id(), hv.id(), "HVAC-2", "server room", List.of(), Map.of(),
                    "unknown", false));
        }
        this.site = s;
        List<Device> devs = stores.devices().list(new io.homepot.appliance.store.DeviceQuery(s.id(), null, null, null, 100, 0)).items();
        this.sensor = devs.stream().filter(d -> d.name().equals("Sensor R101")).findFirst().orElseThrow();
        this.hvac = devs.stream().filter(d -> d.name().equals("HVAC-2")).findFirst().orElseThrow();
    }

    ScoringEngine startEngine() {
        return startEngine(ScoringEngine.Settings.defaults(dir));
    }

    ScoringEngine startEngine(ScoringEngine.Settings settings) {
        engine = new ScoringEngine(stores, bus, settings);
        engine.start();
        return engine;
    }

    /** Commits like ingest does, then notifies the engine (if running). */
    void ingest(List<Sample> samples, List<Event> events) {
        db.inTransaction(c -> {
            stores.samples().insert(c, samples);
            stores.events().insert(c, events);
            return null;
        });
        if (engine != null) {
            engine.onCommitted(samples, events);
        }
    }

    void idle() throws InterruptedException {
        if (!engine.awaitIdle(Duration.ofMinutes(2))) {
            throw new AssertionError("engine did not become idle");
        }
    }

    /** Per-minute server-room temperature: 22 °C ± 2 °C daily cycle plus noise; {@code spike} minutes read 45 °C. */
    static List<Sample> temperature(long deviceId, Instant from, int minutes, Instant spikeAt, int spikeMinutes, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            Instant t = from.plusSeconds(60L * i);
            double hod = (t.getEpochSecond() % 86_400) / 3600.0;
            double v = 22 + 2 * Math.sin(2 * Math.PI * (hod - 8) / 24) + 0.3 * r.nextGaussian();
            if (spikeAt != null && !t.isBefore(spikeAt) && t.isBefore(spikeAt.plusSeconds(60L * spikeMinutes))) {
                v = 45 + 0.2 * r.nextGaussian();
            }
            out.add(new Sample(deviceId, "temperature", t, Math.round(v * 100) / 100.0));
        }
        return out;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        db.close();
    }
}
