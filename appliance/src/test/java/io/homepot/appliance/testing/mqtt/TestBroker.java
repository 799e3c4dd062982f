package io.homepot.appliance.testing.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Properties;
import java.util.UUID;

import io.moquette.broker.Server;

/**
 * A real MQTT broker for tests: the machine's Mosquitto at {@code 127.0.0.1:1883} when it answers, else an embedded
 * Moquette broker (in memory) on a free loopback port ({@code -Dhomepot.test.mqtt=embedded} forces it). The local broker is shared, so every test works under its own
 * {@link #prefix()} topic prefix and client ids.
 */
public final class TestBroker implements AutoCloseable {
    private final String url;
    private final Server embedded;
    private final String prefix = "homepot-test/" + UUID.randomUUID() + "/";

    private TestBroker(String url, Server embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    public static TestBroker start() {
        boolean forceEmbedded = "embedded".equals(System.getProperty("homepot.test.mqtt"));
        if (!forceEmbedded && answers("127.0.0.1", 1883)) {
            return new TestBroker("tcp://127.0.0.1:1883", null);
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Properties p = new Properties();
            p.setProperty("host", "127.0.0.1");
            p.setProperty("port", Integer.toString(port));
            p.setProperty("allow_anonymous", "true");
            p.setProperty("persistence_enabled", "false");
            p.setProperty("telemetry_enabled", "false");
            p.setProperty("netty.mqtt.message_size", Integer.toString(16 * 1024 * 1024)); // like mosquitto (default 8 KB)
            Server server = new Server();
            server.startServer(p);
            return new TestBroker("tcp://127.0.0.1:" + port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker did not start", e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return url;
    }

    /** Topic prefix of this broker's tests ({@code homepot-test/<uuid>/}). */
    public String prefix() {
        return prefix;
    }

    /** {@code "mosquitto (127.0.0.1:1883)"} or {@code "embedded moquette"}: which broker the test ran against. */
    public String kind() {
        return embedded == null ? "mosquitto (127.0.0.1:1883)" : "embedded moquette";
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.stopServer();
        }
    }
}
