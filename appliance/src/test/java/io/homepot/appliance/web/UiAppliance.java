package io.homepot.appliance.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.homepot.appliance.Appliance;
import io.homepot.appliance.Main;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.demo.DemoSite;
import io.homepot.appliance.ingest.mqtt.MqttConfig;
import io.homepot.appliance.scoring.ScoringModule;
import io.homepot.appliance.testing.mqtt.TestBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The appliance the browser tests drive: the real one, wired like {@code Main.main} (plus the report module, wired
 * as in its own fixture until {@code Main} installs it), on port 0 with
 * a temporary data dir, embedded H2, a small deterministic demo site (seed 42, 2 days of history back-filled
 * before the server starts, no live stream), an Ollama URL nobody answers (so AI answers take the degraded path) and
 * MQTT ingest from a real broker ({@link TestBroker}: the machine's Mosquitto, else an embedded one).
 * {@code -Dhomepot.ui.baseUrl=http://host:port} points the tests at an appliance that is already running instead.
 */
final class UiAppliance implements AutoCloseable {

    static final DemoConfig DEMO = new DemoConfig(true, 42, 2, 0);
    /** Nothing listens on the discard port: the LLM is unavailable and AI answers take the degraded path. */
    static final String NO_OLLAMA = "http://127.0.0.1:9";

    private final String baseUrl;
    private final Appliance app;
    private final WebServer server;
    private final Path dataDir;
    private final TestBroker broker;
    private final MqttConfig mqtt;

    private UiAppliance(String baseUrl, Appliance app, WebServer server, Path dataDir, TestBroker broker,
                        MqttConfig mqtt) {
        this.baseUrl = baseUrl;
        this.app = app;
        this.server = server;
        this.dataDir = dataDir;
        this.broker = broker;
        this.mqtt = mqtt;
    }

    static UiAppliance start() {
        String external = System.getProperty("homepot.ui.baseUrl", "");
        if (!external.isBlank()) {
            return new UiAppliance(external.replaceAll("/+$", ""), null, null, null, null, null);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("homepot-ui-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppConfig cfg = new AppConfig("127.0.0.1", 0, dir, DbConfig.embedded(), LimitsConfig.defaults(), DEMO,
                NO_OLLAMA, false);
        Appliance app = Appliance.open(cfg, Clock.systemUTC());
        TestBroker broker = TestBroker.start();
        MqttConfig mqtt = new MqttConfig(broker.url(), List.of(broker.prefix() + "ingest/#"),
                "homepot-ui-test-" + UUID.randomUUID(), "", "", 1, broker.prefix() + "errors", Duration.ofSeconds(2));
        try {
            DemoSite demo = DemoSite.prepare(app);
            demo.backfill(); // synchronously, so every page has its data when the browser arrives
            Main.Modules modules = Main.installModules(app, null); // the same wiring as Main.main
            awaitCatchUp(modules.scoring());
            Main.installMqtt(app, mqtt); // as Main.main does when HOMEPOT_MQTT_URL is set
            WebServer server = Main.server(app).start();
            modules.incidents().start();
            return new UiAppliance("http://127.0.0.1:" + server.port(), app, server, dir, broker, mqtt);
        } catch (RuntimeException e) {
            app.close();
            broker.close();
            throw e;
        }
    }

    /** Waits until the scoring engine has scored the back-filled history, so devices have their health. */
    private static void awaitCatchUp(ScoringModule scoring) {
        try {
            if (!scoring.engine().awaitIdle(Duration.ofMinutes(3))) {
                throw new IllegalStateException("scoring catch-up of the demo history did not finish in 3 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The appliance shared by every browser test class of this JVM run: started on first use, closed when the
     * whole test run ends (JUnit's root store), so the demo site is seeded and scored once.
     */
    static UiAppliance shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(UiAppliance.class))
                .getOrComputeIfAbsent("appliance", k -> new Shared(start()), Shared.class).appliance;
    }

    private record Shared(UiAppliance appliance) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            appliance.close();
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Publishes {@code payload} (QoS 1) where the appliance's MQTT ingest listens; false against an external one. */
    boolean publish(String payload) {
        if (broker == null) {
            return false;
        }
        try {
            MqttClient c = new MqttClient(broker.url(), "homepot-ui-pub-" + UUID.randomUUID(), new MemoryPersistence());
            c.connect();
            c.publish(broker.prefix() + "ingest/ui", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
            c.disconnect();
            c.close();
            return true;
        } catch (MqttException e) {
            throw new IllegalStateException("publishing to " + broker.url() + " failed", e);
        }
    }

    String mqttBroker() {
        return broker == null ? null : broker.url();
    }

    /** Discards the appliance's persistent session on the (possibly shared) broker: a clean-session connect. */
    private void forgetSession() {
        try {
            MqttClient c = new MqttClient(broker.url(), mqtt.clientId(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            c.connect(o);
            c.disconnect();
            c.close();
        } catch (MqttException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (broker != null) {
                forgetSession();
                broker.close();
            }
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temp dir: best effort
                }
            }
        }
    }
}
