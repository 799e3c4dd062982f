package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.helidon.webserver.WebServer;
import io.homepot.appliance.api.AnomalyApi;
import io.homepot.appliance.api.ErrorHandlers;
import io.homepot.appliance.api.ForecastApi;
import io.homepot.appliance.api.HealthApi;
import io.homepot.appliance.api.StreamApi;
import io.homepot.appliance.live.LiveFeed;
import io.homepot.appliance.live.SseHub;
import io.homepot.appliance.store.Sample;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health/anomaly/forecast endpoints and the SSE stream over real HTTP, fed by the real engine. */
class ScoringApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private static ScoringFixture f;
    private static SseHub hub;
    private static WebServer server;
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();
    private static CompletableFuture<HttpResponse<Stream<String>>> stream;

    @BeforeAll
    static void start() throws Exception {
        f = new ScoringFixture(dir);
        f.startEngine();
        hub = new SseHub(8, Duration.ofMillis(300));
        f.bus.subscribe(new LiveFeed(hub));
        server = WebServer.builder().port(0).host("127.0.0.1").routing(r -> {
            ErrorHandlers.register(r);
            r.register("/api", new HealthApi(f.stores, f.engine), new AnomalyApi(f.stores), new ForecastApi(f.stores),
                    new StreamApi(hub));
        }).build().start();
        List<Sample> temp = ScoringFixture.temperature(f.sensor.id(), ScoringFixture.T0, 3 * 1440,
                ScoringEngineTest.SPIKE, 10, 7);
        int spikeIdx = (int) ((ScoringEngineTest.SPIKE.getEpochSecond() - ScoringFixture.T0.getEpochSecond()) / 60);
        ScoringEngineTest.feed(f, temp, 0, spikeIdx - 1);
        f.idle();
        // a client connects, then the spike arrives
        stream = HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> res = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread.ofVirtual().start(() -> res.body().forEach(LINES::add));
        waitFor(l -> l.startsWith(": connected"), 5);
        ScoringEngineTest.feed(f, temp, spikeIdx - 1, temp.size());
        f.idle();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        hub.close();
        f.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String waitFor(java.util.function.Predicate<String> p, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            String l = LINES.poll(100, TimeUnit.MILLISECONDS);
            if (l != null && p.test(l)) {
                return l;
            }
        }
        throw new AssertionError("no matching SSE line within " + seconds + " s");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static void hasKeys(JsonObject o, String... keys) {
        assertTrue(o.keySet().containsAll(Set.of(keys)), "expected " + List.of(keys) + " in " + o);
    }

    @Test
    void streamDeliversTheAnomalyAndPings() throws Exception {
        String event = waitFor(l -> l.equals("event: anomaly"), 10);
        assertNotNull(event);
        String data = waitFor(l -> l.startsWith("data: "), 2);
        JsonObject o = Json.createReader(new StringReader(data.substring(6))).readObject();
        hasKeys(o, "id", "ts", "metric", "value", "expected", "score", "severity", "category", "kind", "health_score",
                "status", "incident_id", "device_id", "device_name");
        assertEquals("Sensor R101", o.getString("device_name"));
        assertEquals("temperature", o.getString("metric"));
        waitFor(l -> l.equals(": ping"), 5);
    }

    @Test
    void deviceHealthHasScoreStatusAndFactors() throws Exception {
        JsonObject h = json("/api/devices/" + f.sensor.id() + "/health");
        hasKeys(h, "device_id", "device_name", "health_score", "status", "computed_at", "factors", "learning");
        assertEquals(0, h.getJsonArray("learning").size(), "days of data: nothing left to learn");
        assertEquals(f.sensor.id(), h.getJsonNumber("device_id").longValue());
        assertEquals("Sensor R101", h.getString("device_name"));
        assertTrue(Set.of("healthy", "warning", "critical").contains(h.getString("status")));
        for (var v : h.getJsonArray("factors")) {
            hasKeys(v.asJsonObject(), "name", "metric", "penalty", "explanation");
        }
        JsonObject hist = json("/api/devices/" + f.sensor.id() + "/health/history?from=2026-11-01T00%3A00%3A00Z&to=2026-11-04T00%3A00%3A00Z");
        JsonArray pts = hist.getJsonArray("points");
        assertTrue(pts.size() >= 72, "about one point per hourly batch: " + pts.size());
        hasKeys(pts.getJsonObject(0), "ts", "health_score", "status");
        assertTrue(pts.stream().anyMatch(p -> !"healthy".equals(p.asJsonObject().getString("status"))));
    }

    @Test
    void anomaliesOfDeviceAndSite() throws Exception {
        JsonObject a = json("/api/devices/" + f.sensor.id() + "/anomalies?from=2026-11-01T00%3A00%3A00Z&limit=50");
        JsonArray items = a.getJsonArray("anomalies");
        assertFalse(items.isEmpty());
        JsonObject first = items.getJsonObject(0);
        hasKeys(first, "id", "ts", "metric", "value", "expected", "score", "severity", "category", "kind",
                "health_score", "status", "incident_id");
        assertTrue(first.getJsonNumber("incident_id").longValue() > 0);
        JsonObject site = json("/api/anomalies?site=" + f.site.id() + "&since=2026-11-01T00%3A00%3A00Z");
        JsonObject s0 = site.getJsonArray("anomalies").getJsonObject(0);
        hasKeys(s0, "id", "ts", "metric", "device_id", "device_name", "severity");
        assertEquals("Sensor R101", s0.getString("device_name"));
        assertEquals(0, json("/api/anomalies?site=" + f.site.id() + "&since=2030-01-01T00%3A00%3A00Z")
                .getJsonArray("anomalies").size());
    }

    @Test
    void siteHealthDistribution() throws Exception {
        JsonObject s = json("/api/sites/" + f.site.id() + "/health");
        hasKeys(s, "site_id", "site_name", "health_score", "total_devices", "devices_healthy", "devices_warning",
                "devices_critical", "by_type");
        assertEquals("Building T", s.getString("site_name"));
        assertEquals(2, s.getInt("total_devices"));
        assertEquals(1, s.getInt("devices_healthy") + s.getInt("devices_warning") + s.getInt("devices_critical"));
        JsonObject t = s.getJsonArray("by_type").getJsonObject(0);
        hasKeys(t, "type", "healthy", "warning", "critical");
    }

    @Test
    void forecastFromHourlyHistory() throws Exception {
        JsonObject fc = json("/api/devices/" + f.sensor.id() + "/forecast?metric=temperature");
        hasKeys(fc, "device_id", "metric", "unit", "points", "warning_threshold", "critical_threshold",
                "time_to_warning_hours", "time_to_critical_hours", "risk_score", "confidence");
        assertEquals(24, fc.getJsonArray("points").size());
        JsonObject p = fc.getJsonArray("points").getJsonObject(0);
        hasKeys(p, "ts", "value", "lower", "upper");
        assertTrue(p.getJsonNumber("lower").doubleValue() <= p.getJsonNumber("value").doubleValue());
        assertEquals(30.0, fc.getJsonNumber("warning_threshold").doubleValue());
        assertEquals(35.0, fc.getJsonNumber("critical_threshold").doubleValue());
        assertEquals("°C", fc.getString("unit"));
        double v = p.getJsonNumber("value").doubleValue();
        assertTrue(v > 15 && v < 30, "forecast " + v);
    }

    @Test
    void errorsAreProblemJson() throws Exception {
        for (String[] c : new String[][] {{"/api/devices/999999/health", "404"}, {"/api/devices/abc/health", "400"},
                {"/api/devices/" + f.sensor.id() + "/forecast", "400"},
                {"/api/devices/" + f.sensor.id() + "/forecast?metric=bogus", "422"}, {"/api/sites/999999/health", "404"},
                {"/api/anomalies?site=999999", "404"}, {"/api/devices/" + f.sensor.id() + "/anomalies?limit=0", "400"}}) {
            HttpResponse<String> r = get(c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0] + " -> " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), c[0]);
        }
    }
}
