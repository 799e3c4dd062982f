package io.homepot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT ingest throughput: a private Mosquitto (Debian's {@code mosquitto}, started on a free port with an unbounded
 * per-client queue, so the broker drops nothing), a real appliance subscribed to it, and one publisher sending
 * {@code samples} QoS 1 messages as fast as the broker takes them: first one sample per message (a sensor that
 * publishes each reading), then batches of {@code batch} samples (a gateway). The time is from the first publish to
 * the appliance's {@code mqtt.samples} count reaching the total (all stored and acknowledged); the stored rows are
 * counted afterwards.
 */
final class MqttIngestBench {
    private static final int DEVICES = 50;

    private MqttIngestBench() {}

    static void run(BenchMain.Options o) throws Exception {
        Path dir = Files.createTempDirectory("homepot-bench-mqtt");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n"
                + "max_inflight_messages 100\npersistence false\n");
        Process broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        String url = "tcp://127.0.0.1:" + port;
        try (ApplianceProcess app = ApplianceProcess.start(o.jar(), dir.resolve("appliance"), o.port(),
                Map.of("HOMEPOT_MQTT_URL", url, "HOMEPOT_MQTT_TOPICS", "bench/ingest/#",
                        "HOMEPOT_MQTT_ERROR_TOPIC", "bench/errors"), List.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ApiSetup setup = ApiSetup.create(http, app, DEVICES);
            awaitConnected(http, app);
            long start0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            String single = phase(http, app, url, setup.deviceIds(), o.samples(), 1, start0, 0);
            String batched = phase(http, app, url, setup.deviceIds(), o.samples(), o.batch(), start0, o.samples());
            long stored = setup.countSamples(http, app);
            String json = String.format(Locale.ROOT, """
                    {
                      "benchmark": "mqtt-ingest",
                      "measured_at": "%s",
                      "machine": {"cores": %d, "java": "%s"},
                      "broker": "mosquitto (private, max_queued_messages 0, max_inflight_messages 100)",
                      "qos": 1,
                      "devices": %d,
                      "one_sample_per_message": %s,
                      "batches": %s,
                      "samples_published": %d,
                      "samples_stored": %d,
                      "lost": %d,
                      "appliance_rss_mb": %.1f
                    }
                    """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    DEVICES, single, batched, 2 * o.samples(), stored, 2 * o.samples() - stored, app.rssKb()[0] / 1024.0);
            Path out = o.out().getFileName().toString().equals("ingest.json") ? Path.of("bench/results/mqtt-ingest.json")
                    : o.out();
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json);
            System.out.print(json);
        } finally {
            broker.destroy();
        }
    }

    /** Publishes {@code samples} samples, {@code perMessage} per message; returns the phase's JSON summary. */
    private static String phase(HttpClient http, ApplianceProcess app, String url, List<Long> devices, long samples,
                                int perMessage, long start0, long offset) throws Exception {
        long before = storedByMqtt(http, app);
        MqttAsyncClient c = new MqttAsyncClient(url, "bench-publisher-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions opts = new MqttConnectOptions();
        opts.setCleanSession(true);
        opts.setMaxInflight(1000);
        c.connect(opts).waitForCompletion();
        long messages = (samples + perMessage - 1) / perMessage;
        long t0 = System.nanoTime();
        IMqttDeliveryToken last = null;
        for (long m = 0; m < messages; m++) {
            int n = (int) Math.min(perMessage, samples - m * perMessage);
            byte[] payload = payload(devices, offset + m * perMessage, n, start0).getBytes(StandardCharsets.UTF_8);
            while (true) {
                try {
                    last = c.publish("bench/ingest/gw", payload, 1, false);
                    break;
                } catch (MqttException e) {
                    if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                        throw e;
                    }
                    Thread.onSpinWait();
                }
            }
        }
        last.waitForCompletion();
        double published = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (storedByMqtt(http, app) - before < samples) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + (storedByMqtt(http, app) - before) + " of " + samples + " stored after 600 s");
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        c.disconnect().waitForCompletion();
        c.close();
        return String.format(Locale.ROOT, "{\"samples\": %d, \"samples_per_message\": %d, \"messages\": %d, "
                + "\"publish_seconds\": %.2f, \"stored_seconds\": %.2f, \"messages_per_second\": %.0f, "
                + "\"samples_per_second\": %.0f}", samples, perMessage, messages, published, seconds, messages / seconds,
                samples / seconds);
    }

    /** Samples {@code k0 .. k0+n-1}: spread over the devices, one minute apart per series. */
    private static String payload(List<Long> devices, long k0, int n, long start0) {
        StringBuilder sb = new StringBuilder(n * 80);
        if (n == 1) {
            return sample(sb, devices, k0, start0).toString();
        }
        sb.append("{\"samples\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sample(sb, devices, k0 + i, start0);
        }
        return sb.append("]}").toString();
    }

    private static StringBuilder sample(StringBuilder sb, List<Long> devices, long k, long start0) {
        long device = devices.get((int) (k % devices.size()));
        long minute = k / devices.size();
        return sb.append("{\"device_id\":").append(device).append(",\"metric\":\"temperature\",\"ts\":")
                .append(start0 + minute * 60_000L).append(",\"value\":")
                .append(String.format(Locale.ROOT, "%.2f", 21 + 3 * Math.sin(minute / 229.0))).append('}');
    }

    private static long storedByMqtt(HttpClient http, ApplianceProcess app) throws IOException, InterruptedException {
        String status = ApiSetup.get(http, app, "/api/ai/status");
        int at = status.indexOf("\"mqtt\"");
        if (at < 0) {
            throw new IOException("no mqtt section in /api/ai/status");
        }
        return IngestBench.firstLong(status.substring(at), "samples");
    }

    private static void awaitConnected(HttpClient http, ApplianceProcess app) throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (ApiSetup.get(http, app, "/api/ai/status").replace(" ", "").contains("\"status\":\"connected\",\"broker\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the appliance did not connect to the bench broker");
    }
}
