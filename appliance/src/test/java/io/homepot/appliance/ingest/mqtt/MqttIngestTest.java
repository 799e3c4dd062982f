package io.homepot.appliance.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Thresholds;
import io.homepot.appliance.testing.mqtt.TestBroker;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT ingest against a real broker (the machine's Mosquitto, else embedded Moquette) and a real H2 file database:
 * stored after the commit, rejected messages reported and never half-written, messages sent while the appliance is
 * down or its database is failing are stored once it is back (nothing acknowledged before the commit).
 */
class MqttIngestTest {
    static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
        System.out.println("MQTT tests against " + broker.kind() + " at " + broker.url());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** An appliance on {@code dir} with one site and one temperature sensor. */
    private record Site1(Appliance app, Device sensor) implements AutoCloseable {
        static Site1 open(Path dir) {
            Appliance app = Appliance.open(AppConfig.forTests(dir), Clock.systemUTC());
            Site s = app.stores().sites().findByName("Building M").orElse(null);
            if (s == null) {
                s = app.stores().sites().create("Building M", null, "UTC", false);
                DeviceType t = app.stores().deviceTypes().ensure("temp_sensor_m", "Temperature sensor", null,
                        List.of(new MetricDefinition("temperature", "°C", 18.0, 27.0, Thresholds.NONE)));
                app.stores().devices().create(new NewDevice(s.id(), t.id(), "Sensor M1", "lab", List.of(), Map.of(),
                        "unknown", false));
            }
            Device d = app.stores().devices().list(new io.homepot.appliance.store.DeviceQuery(s.id(), null, null, null,
                    10, 0)).items().getFirst();
            return new Site1(app, d);
        }

        long stored() {
            return app.stores().samples().count(sensor.id());
        }

        @Override
        public void close() {
            app.close();
        }
    }

    /** Client ids whose persistent sessions the tests made; removed from the (possibly shared) broker afterwards. */
    private static final List<String> SESSIONS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void forgetSessions() throws Exception {
        for (String id : SESSIONS) { // a clean-session connect with the same id discards the broker's session
            MqttClient c = new MqttClient(broker.url(), id, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            c.connect(o);
            c.disconnect();
            c.close();
        }
        SESSIONS.clear();
    }

    private static MqttConfig config(String clientId) {
        SESSIONS.add(clientId);
        return new MqttConfig(broker.url(), List.of(broker.prefix() + "ingest/#"), clientId, "", "", 1,
                broker.prefix() + "errors", Duration.ofSeconds(2));
    }

    private static MqttIngest start(Site1 s, MqttConfig cfg) {
        MqttIngest m = MqttIngest.start(cfg, s.app().ingest(), s.app().config().limits(), s.app().meterRegistry(),
                Clock.systemUTC());
        await(() -> "connected".equals(m.snapshot().getString("status")), "connected to " + broker.url());
        return m;
    }

    /** A device gateway: publishes with QoS 1 (each publish returns once the broker has the message). */
    private record Publisher(MqttClient client) implements AutoCloseable {
        void publish(String subtopic, String payload) throws Exception {
            client.publish(broker.prefix() + "ingest/" + subtopic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        }

        void subscribe(String topic, org.eclipse.paho.client.mqttv3.IMqttMessageListener l) throws Exception {
            client.subscribe(topic, 0, l);
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }

    private static Publisher publisher() throws Exception {
        MqttClient c = new MqttClient(broker.url(), "homepot-test-pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o);
        return new Publisher(c);
    }

    private static String batch(long deviceId, Instant from, int n, String metric) {
        StringBuilder b = new StringBuilder("{\"samples\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"device_id\":").append(deviceId).append(",\"metric\":\"")
                    .append(i == 2 && metric != null ? metric : "temperature").append("\",\"ts\":\"")
                    .append(from.plusSeconds(60L * i)).append("\",\"value\":").append(20 + i % 5).append('}');
        }
        return b.append("]}").toString();
    }

    private static void await(BooleanSupplier cond, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(12));

    @Test
    void batchesAndSingleSamplesAreStoredAndCountedInTheStatus(@TempDir Path dir) throws Exception {
        try (Site1 s = Site1.open(dir); MqttIngest m = start(s, config("homepot-test-" + UUID.randomUUID()));
             Publisher pub = publisher()) {
            pub.publish("gateway-1", batch(s.sensor().id(), T0, 500, null));
            pub.publish("sensor-m1", "{\"device_id\":" + s.sensor().id() + ",\"metric\":\"temperature\",\"ts\":\""
                    + T0.plusSeconds(60 * 600) + "\",\"value\":21.5}");
            await(() -> s.stored() == 501, "501 samples stored (now " + s.stored() + ")");
            await(() -> m.snapshot().getJsonNumber("messages_committed").longValue() == 2, "2 messages counted");
            assertEquals(T0.plusSeconds(60 * 600), s.app().stores().devices().get(s.sensor().id()).orElseThrow().lastSeen());
            JsonObject st = m.snapshot();
            assertEquals(2, st.getJsonNumber("messages_committed").longValue(), st.toString());
            assertEquals(501, st.getJsonNumber("samples").longValue());
            assertEquals(0, st.getJsonNumber("messages_rejected").longValue());
            assertEquals(2.0, s.app().meterRegistry().get("homepot.mqtt.messages").tag("result", "committed").counter().count());
        }
    }

    @Test
    void rejectedMessagesWriteNothingAndTheirProblemNamesTheField(@TempDir Path dir) throws Exception {
        try (Site1 s = Site1.open(dir); MqttIngest m = start(s, config("homepot-test-" + UUID.randomUUID()));
             Publisher pub = publisher()) {
            BlockingQueue<JsonObject> problems = new LinkedBlockingQueue<>();
            pub.subscribe(broker.prefix() + "errors", (t, msg) -> problems.add(Json.createReader(
                    new StringReader(new String(msg.getPayload(), StandardCharsets.UTF_8))).readObject()));

            pub.publish("gateway-1", batch(s.sensor().id(), T0, 4, "pressure")); // item 2: not a metric of its type
            JsonObject p = problems.poll(20, TimeUnit.SECONDS);
            assertTrue(p != null, "no problem report on " + broker.prefix() + "errors");
            assertEquals(422, p.getInt("status"), p.toString());
            assertEquals("samples[2].metric", p.getString("field"), p.toString());
            assertEquals(broker.prefix() + "ingest/gateway-1", p.getString("topic"));
            assertTrue(p.getString("detail").contains("nothing was written"), p.toString());

            pub.publish("gateway-1", "{\"samples\": [{\"device_id\": 1, ");
            JsonObject malformed = problems.poll(20, TimeUnit.SECONDS);
            assertTrue(malformed != null, "no problem report for malformed JSON");
            assertEquals(400, malformed.getInt("status"));
            assertEquals("body", malformed.getString("field"));

            pub.publish("gateway-1", "{\"device_id\": 999999, \"metric\": \"temperature\", \"ts\": \"" + T0
                    + "\", \"value\": 20}");
            JsonObject unknown = problems.poll(20, TimeUnit.SECONDS);
            assertTrue(unknown != null, "no problem report for an unknown device");
            assertEquals("samples[0].device_id", unknown.getString("field"), unknown.toString()); // a lone sample is item 0

            // nothing of the rejected batches was written, and the next good message is not held up by them
            pub.publish("gateway-1", batch(s.sensor().id(), T0, 4, null));
            await(() -> s.stored() == 4, "the good batch stored (now " + s.stored() + ")");
            assertEquals(3, m.snapshot().getJsonNumber("messages_rejected").longValue());
            await(() -> m.snapshot().getJsonNumber("messages_committed").longValue() == 1, "the good message counted");
        }
    }

    @Test
    void messagesSentWhileTheApplianceIsDownAreStoredWhenItComesBack(@TempDir Path dir) throws Exception {
        MqttConfig cfg = config("homepot-test-" + UUID.randomUUID());
        try (Site1 s = Site1.open(dir)) {
            start(s, cfg).close(); // the broker now holds a persistent session for this client id
            try (Publisher pub = publisher()) {
                for (int i = 0; i < 3; i++) {
                    pub.publish("gateway-1", batch(s.sensor().id(), T0.plusSeconds(3600L * i), 10, null));
                }
            }
            assertEquals(0, s.stored());
            try (MqttIngest again = start(s, cfg)) {
                await(() -> s.stored() == 30, "the 3 queued batches stored (now " + s.stored() + ")");
                await(() -> again.snapshot().getJsonNumber("messages_committed").longValue() == 3, "3 messages counted");
            }
        }
    }

    @Test
    void aMessageIsNotAcknowledgedBeforeItsCommitSoADatabaseOutageLosesNothing(@TempDir Path dir) throws Exception {
        MqttConfig cfg = config("homepot-test-" + UUID.randomUUID());
        Site1 s = Site1.open(dir);
        long sensor = s.sensor().id();
        MqttIngest m = start(s, cfg);
        s.app().db().close(); // every write now fails
        try (Publisher pub = publisher()) {
            pub.publish("gateway-1", batch(sensor, T0, 10, null));
        }
        await(() -> String.valueOf(m.snapshot().get("last_error")).contains("store"), "the store failure is seen");
        assertEquals(0, m.snapshot().getJsonNumber("messages_committed").longValue());
        m.close();  // stops retrying; the message was never acknowledged
        s.close();
        try (Site1 back = Site1.open(dir); MqttIngest again = start(back, cfg)) {
            await(() -> back.stored() == 10, "the unacknowledged batch redelivered and stored (now " + back.stored() + ")");
        }
    }

    @Test
    void configurationIsValidatedWithTheKeyAndVariable() {
        assertEquals(false, MqttConfig.load(Map.of()).enabled());
        MqttConfig ok = MqttConfig.load(Map.of("HOMEPOT_MQTT_URL", "tcp://broker.lan:1883",
                "HOMEPOT_MQTT_TOPICS", "site/a/#, site/b/+/telemetry", "HOMEPOT_MQTT_QOS", "2"));
        assertEquals(List.of("site/a/#", "site/b/+/telemetry"), ok.topics());
        assertEquals(2, ok.qos());
        assertEquals("homepot-appliance", ok.clientId());
        String url = assertThrows(ConfigException.class, () -> MqttConfig.load(Map.of("HOMEPOT_MQTT_URL",
                "http://broker:1883"))).getMessage();
        assertTrue(url.contains("HOMEPOT_MQTT_URL"), url);
        String qos = assertThrows(ConfigException.class, () -> MqttConfig.load(Map.of("HOMEPOT_MQTT_URL",
                "tcp://b:1883", "HOMEPOT_MQTT_QOS", "3"))).getMessage();
        assertTrue(qos.contains("HOMEPOT_MQTT_QOS"), qos);
        String filter = assertThrows(ConfigException.class, () -> MqttConfig.load(Map.of("HOMEPOT_MQTT_URL",
                "tcp://b:1883", "HOMEPOT_MQTT_TOPICS", "a/#/b"))).getMessage();
        assertTrue(filter.contains("HOMEPOT_MQTT_TOPICS") && filter.contains("a/#/b"), filter);
        String loop = assertThrows(ConfigException.class, () -> MqttConfig.load(Map.of("HOMEPOT_MQTT_URL",
                "tcp://b:1883", "HOMEPOT_MQTT_TOPICS", "homepot/#"))).getMessage();
        assertTrue(loop.contains("HOMEPOT_MQTT_ERROR_TOPIC") && loop.contains("homepot/#"), loop);
        assertEquals("", MqttConfig.load(Map.of("HOMEPOT_MQTT_URL", "tcp://b:1883", "HOMEPOT_MQTT_TOPICS", "homepot/#",
                "HOMEPOT_MQTT_ERROR_TOPIC", "off")).errorTopic());
    }
}
