package io.homepot.appliance.store;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One storage contract, run against every backend by a subclass ({@link H2StoreTest}, {@link PostgresStoreTest}).
 * Test names are prefixed with the backend, e.g. {@code [postgresql] downsampleComputesBucketsInSql()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(StoreContractTest.BackendNames.class)
abstract class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    Database db;
    Stores s;
    DeviceType type;
    Site site;

    abstract String backend();

    abstract Database open() throws Exception;

    abstract void cleanup();

    /** Prefixes each test's display name with the backend of its class. */
    static final class BackendNames extends DisplayNameGenerator.Standard {
        @Override
        public String generateDisplayNameForMethod(Class<?> testClass, Method testMethod) {
            String backend = testClass.getSimpleName().startsWith("H2") ? "h2" : "postgresql";
            return "[" + backend + "] " + super.generateDisplayNameForMethod(testClass, testMethod);
        }
    }

    @BeforeAll
    void setUp() throws Exception {
        db = open();
        s = Stores.over(db);
        type = s.deviceTypes().ensure("sensor", "Sensor", "test sensor", List.of(
                new MetricDefinition("temperature", "°C", 18d, 27d, new Thresholds(16d, 28d, 10d, 35d)),
                new MetricDefinition("humidity", "%", 30d, 60d, Thresholds.NONE)));
        site = s.sites().create("Contract site", "1 Test Road", "UTC", false);
    }

    @AfterAll
    void tearDown() {
        if (db != null) {
            db.close();
        }
        cleanup();
    }

    private Device device(String name) {
        return s.devices().create(new NewDevice(site.id(), type.id(), name, "Room", List.of("a", "b"),
                Map.of("temperature", new Thresholds(null, 25d, null, 30d)), null, false));
    }

    @Test
    void backendIsTheOneUnderTest() {
        assertEquals(backend(), db.kind().label());
        assertTrue(db.ping());
    }

    @Test
    void deviceTypesKeepMetricDefinitionsAndEnsureIsIdempotent() {
        DeviceType again = s.deviceTypes().ensure("sensor", "ignored", null, List.of());
        assertEquals(type.id(), again.id());
        DeviceType loaded = s.deviceTypes().findByCode("sensor").orElseThrow();
        assertEquals(List.of("temperature", "humidity"), loaded.metrics().stream().map(MetricDefinition::name).toList());
        MetricDefinition t = loaded.metric("temperature").orElseThrow();
        assertEquals("°C", t.unit());
        assertEquals(28d, t.thresholds().warnHigh());
        assertEquals(10d, t.thresholds().critLow());
        assertNull(loaded.metric("humidity").orElseThrow().thresholds().warnHigh());
    }

    @Test
    void deviceCrudWithTagsThresholdsAndFilters() {
        Device d = device("Filter probe 1");
        device("Filter probe 2");
        Device got = s.devices().get(d.id()).orElseThrow();
        assertEquals(List.of("a", "b"), got.tags());
        assertEquals(25d, got.thresholds().get("temperature").warnHigh());
        assertEquals("sensor", got.typeCode());
        assertEquals("unknown", got.status());

        Page<Device> page = s.devices().list(new DeviceQuery(site.id(), "sensor", null, "filter PROBE", 1, 1));
        assertEquals(2, page.total());
        assertEquals(1, page.items().size());
        assertEquals("Filter probe 2", page.items().getFirst().name());

        s.devices().updateHealth(d.id(), "warning", 0.55);
        assertEquals(1, s.devices().list(new DeviceQuery(site.id(), null, "warning", "filter", 10, 0)).total());

        Device upd = s.devices().update(d.id(), new NewDevice(site.id(), type.id(), "Renamed probe", null, List.of(), Map.of(),
                "healthy", false)).orElseThrow();
        assertEquals("Renamed probe", upd.name());
        assertTrue(upd.thresholds().isEmpty());
        assertTrue(s.devices().delete(d.id()));
        assertTrue(s.devices().get(d.id()).isEmpty());
    }

    @Test
    void duplicateDeviceNameInSiteIsAConstraintViolation() {
        device("Unique probe");
        StoreException e = assertThrows(StoreException.class, () -> device("Unique probe"));
        assertEquals("23505", ((java.sql.SQLException) e.getCause()).getSQLState());
    }

    @Test
    void samplesRawAndDownsampleComputedInSql() {
        Device d = device("Series probe");
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 180; i++) {                       // 3 hours per minute: value = minute index
            samples.add(new Sample(d.id(), "temperature", T0.plusSeconds(60L * i), i));
        }
        s.samples().insert(samples);
        assertEquals(180, s.samples().count(d.id()));
        List<Sample> raw = s.samples().raw(d.id(), "temperature", T0.plusSeconds(60 * 10), T0.plusSeconds(60 * 20), 100);
        assertEquals(10, raw.size());
        assertEquals(10.0, raw.getFirst().value());
        assertEquals(T0.plusSeconds(600), raw.getFirst().ts());

        List<SeriesBucket> hourly = s.samples().downsample(d.id(), "temperature", T0, T0.plus(Duration.ofHours(3)), 3600);
        assertEquals(3, hourly.size());
        SeriesBucket second = hourly.get(1);
        assertEquals(T0.plus(Duration.ofHours(1)), second.ts());
        assertEquals(60, second.count());
        assertEquals(60.0, second.min());
        assertEquals(119.0, second.max());
        assertEquals(89.5, second.avg(), 1e-9);
        assertEquals(T0.plusSeconds(179 * 60), s.samples().latest(d.id(), "temperature").orElseThrow());
        assertTrue(s.samples().latest(d.id(), "humidity").isEmpty());
    }

    @Test
    void aFailedTransactionWritesNothing() {
        Device d = device("Rollback probe");
        List<Sample> samples = List.of(new Sample(d.id(), "temperature", T0, 1), new Sample(d.id(), "temperature", T0, 2));
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            s.samples().insert(c, samples);
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, s.samples().count(d.id()));
    }

    @Test
    void eventsNewestFirstAndLastSeenNeverMovesBack() {
        Device d = device("Event probe");
        s.events().insert(List.of(Event.of(d.id(), T0, "link_down", "warning", "down", null),
                Event.of(d.id(), T0.plusSeconds(60), "link_up", "info", "up", 1.5)));
        Page<Event> p = s.events().list(d.id(), null, null, null, 10, 0);
        assertEquals(2, p.total());
        assertEquals("link_up", p.items().getFirst().kind());
        assertEquals(1.5, p.items().getFirst().value());
        assertNull(p.items().get(1).value());
        assertEquals(1, s.events().list(d.id(), T0.plusSeconds(30), null, null, 10, 0).total());

        db.inTransaction(c -> {
            s.devices().touchLastSeen(c, Map.of(d.id(), T0.plusSeconds(600)));
            s.devices().touchLastSeen(c, Map.of(d.id(), T0));
            return null;
        });
        assertEquals(T0.plusSeconds(600), s.devices().get(d.id()).orElseThrow().lastSeen());
    }

    @Test
    void aiTablesAndUsersRoundTrip() {
        Device d = device("AI probe");
        AnomalyLog a = s.anomalies().insert(new AnomalyLog(null, d.id(), 0.35, "critical", "{\"temperature\":41.0}",
                "temperature", 0.97, "critical", "temperature", "{\"z\":6.1}", T0));
        assertEquals("{\"temperature\":41.0}", a.metrics());
        assertEquals(T0, a.createdAt());
        assertEquals(1, s.anomalies().listForDevice(d.id(), 10).size());

        Incident i = s.incidents().insert(new Incident(null, d.id(), "Temperature spike followed by cooling", "temperature",
                "warning", null, null, null));
        assertTrue(s.incidents().resolve(i.id(), "Cooling adjusted", T0));
        Incident resolved = s.incidents().get(i.id()).orElseThrow();
        assertEquals("Cooling adjusted", resolved.resolution());
        assertEquals(T0, resolved.resolvedAt());

        Report r = s.reports().insert(new Report(null, "daily", site.id(), d.id(), "All good", null, "executive"));
        assertEquals("executive", s.reports().get(r.id()).orElseThrow().mode());

        User u = s.users().create("tech-" + backend(), "Technician", "admin");
        s.users().setPreference(u.id(), "analysis_mode", "maintenance");
        s.users().setPreference(u.id(), "analysis_mode", "predictive");
        assertEquals(Map.of("analysis_mode", "predictive"), s.users().preferences(u.id()));
    }

    @Test
    void deletingASiteCascadesToDevicesAndData() {
        Site other = s.sites().create("Cascade site", null, "UTC", true);
        Device d = s.devices().create(new NewDevice(other.id(), type.id(), "Cascade probe", null, null, null, null, true));
        s.samples().insert(List.of(new Sample(d.id(), "temperature", T0, 20)));
        s.events().insert(List.of(Event.of(d.id(), T0, "boot", "info", null, null)));
        s.anomalies().insert(new AnomalyLog(null, d.id(), 0.9, "healthy", "{}", null, null, null, null, null, null));
        db.inTransaction(c -> {
            s.demoIncidents().insert(c, new DemoIncident(null, other.id(), d.id(), "power_dip", "input_voltage", T0,
                    T0.plusSeconds(600), "dip"));
            return null;
        });
        assertEquals(1, s.demoIncidents().list(other.id()).size());
        assertTrue(s.sites().findDemo().isPresent());
        assertTrue(s.sites().delete(other.id()));
        assertTrue(s.devices().get(d.id()).isEmpty());
        assertEquals(0, s.samples().count(d.id()));
        assertTrue(s.anomalies().listForDevice(d.id(), 10).isEmpty());
        assertFalse(s.sites().delete(other.id()));
    }
}
