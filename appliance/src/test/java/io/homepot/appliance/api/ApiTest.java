package io.homepot.appliance.api;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.testing.RunningAppliance;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API over real HTTP against a real appliance (embedded H2 in a temp dir). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private static final int MAX_BATCH = 12_000;
    private static final long MAX_BODY = 2L * 1024 * 1024;
    private Path dir;
    private RunningAppliance app;
    private long siteId;
    private long deviceId;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("homepot-api");
        app = RunningAppliance.start(new AppConfig("127.0.0.1", 0, dir, DbConfig.embedded(),
                new LimitsConfig(MAX_BODY, MAX_BATCH, 100_000), DemoConfig.disabled(), "http://127.0.0.1:9", false));
        app.app().stores().deviceTypes().ensure("sensor", "Sensor", null, java.util.List.of(
                new io.homepot.appliance.store.MetricDefinition("temperature", "°C", 18d, 27d,
                        io.homepot.appliance.store.Thresholds.NONE),
                new io.homepot.appliance.store.MetricDefinition("humidity", "%", 30d, 60d,
                        io.homepot.appliance.store.Thresholds.NONE)));
        siteId = json(ok(app.post("/api/sites", "{\"name\":\"HQ\",\"address\":\"Main St 1\"}"), 201)).getJsonNumber("id").longValue();
        deviceId = json(ok(app.post("/api/devices", "{\"site_id\":" + siteId + ",\"type\":\"sensor\",\"name\":\"Probe 1\","
                + "\"location\":\"Lab\",\"tags\":[\"x\"],\"thresholds\":{\"temperature\":{\"warn_high\":25}}}"), 201))
                .getJsonNumber("id").longValue();
    }

    @AfterAll
    void stop() {
        app.close();
        RunningAppliance.deleteTree(dir);
    }

    static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static HttpResponse<String> ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), () -> r.uri() + " -> " + r.body());
        return r;
    }

    private JsonObject problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        assertTrue(!r.body().contains("at io.") && !r.body().contains("Exception"), "no stack trace: " + r.body());
        JsonObject p = json(r);
        assertEquals(status, p.getInt("status"));
        return p;
    }

    private long samples() {
        return app.app().stores().samples().count();
    }

    private static String sample(long device, String metric, Object ts, String value) {
        return "{\"device_id\":" + device + ",\"metric\":\"" + metric + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
    }

    private String batch(int n, Instant start, int badIndex, String badItem) {
        StringJoiner j = new StringJoiner(",", "{\"samples\":[", "]}");
        for (int i = 0; i < n; i++) {
            j.add(i == badIndex ? badItem : sample(deviceId, "temperature", "\"" + start.plusSeconds(i) + "\"", "21." + i % 10));
        }
        return j.toString();
    }

    @Test
    void siteAndDeviceCrud() {
        JsonObject site = json(ok(app.get("/api/sites/" + siteId), 200));
        assertEquals("HQ", site.getString("name"));
        ok(app.put("/api/sites/" + siteId, "{\"address\":\"Main St 2\"}"), 200);
        assertEquals("Main St 2", json(app.get("/api/sites/" + siteId)).getString("address"));
        assertEquals(409, app.post("/api/sites", "{\"name\":\"HQ\"}").statusCode());

        JsonObject d = json(ok(app.get("/api/devices/" + deviceId), 200));
        assertEquals("sensor", d.getString("type"));
        assertEquals(25.0, d.getJsonObject("thresholds").getJsonObject("temperature").getJsonNumber("warn_high").doubleValue());
        JsonObject upd = json(ok(app.put("/api/devices/" + deviceId, "{\"location\":\"Lab 2\",\"status\":\"healthy\"}"), 200));
        assertEquals("Lab 2", upd.getString("location"));
        assertEquals("Probe 1", upd.getString("name"));

        long tmp = json(ok(app.post("/api/devices", "{\"site_id\":" + siteId + ",\"type\":\"sensor\",\"name\":\"Temp\"}"), 201))
                .getJsonNumber("id").longValue();
        ok(app.delete("/api/devices/" + tmp), 204);
        problem(app.get("/api/devices/" + tmp), 404);
        JsonObject bad = problem(app.post("/api/devices", "{\"site_id\":999999,\"type\":\"sensor\",\"name\":\"X\"}"), 422);
        assertEquals("site_id", bad.getString("field"));
        JsonObject badType = problem(app.post("/api/devices", "{\"site_id\":" + siteId + ",\"type\":\"toaster\",\"name\":\"X\"}"), 422);
        assertTrue(badType.getString("detail").contains("sensor"), badType.toString());
        assertEquals("name", problem(app.post("/api/devices", "{\"site_id\":" + siteId + ",\"type\":\"sensor\"}"), 400)
                .getString("field"));
        assertEquals("site_id", problem(app.post("/api/devices", "{\"site_id\":\"one\",\"type\":\"sensor\",\"name\":\"X\"}"), 400)
                .getString("field"));
    }

    @Test
    void deviceListFiltersAndPaging() {
        for (int i = 0; i < 5; i++) {
            ok(app.post("/api/devices", "{\"site_id\":" + siteId + ",\"type\":\"sensor\",\"name\":\"Pager " + i + "\"}"), 201);
        }
        JsonObject page = json(ok(app.get("/api/devices?site=" + siteId + "&type=sensor&q=pager&limit=2&offset=2"), 200));
        assertEquals(5, page.getInt("total"));
        JsonArray items = page.getJsonArray("items");
        assertEquals(2, items.size());
        assertEquals("Pager 2", items.getJsonObject(0).getString("name"));
        assertEquals(0, json(app.get("/api/devices?site=" + siteId + "&type=ups")).getInt("total"));
        assertEquals("limit", problem(app.get("/api/devices?limit=0"), 400).getString("field"));
        assertEquals("status", problem(app.get("/api/devices?status=melting"), 400).getString("field"));
    }

    @Test
    void ingestGoodBatchAndQueryDownsampled() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        StringJoiner j = new StringJoiner(",", "{\"samples\":[", "],\"events\":[{\"device_id\":" + deviceId
                + ",\"ts\":\"2026-03-01T00:30:00Z\",\"kind\":\"door_open\",\"severity\":\"warning\",\"message\":\"Door\"}]}");
        for (int i = 0; i < 120; i++) {                                 // two hours; epoch ms and ISO mixed
            Object ts = i % 2 == 0 ? start.plusSeconds(60L * i).toEpochMilli() : "\"" + start.plusSeconds(60L * i) + "\"";
            j.add(sample(deviceId, "temperature", ts, Integer.toString(i)));
        }
        JsonObject ack = json(ok(app.post("/api/ingest", j.toString()), 200));
        assertEquals(120, ack.getInt("samples"));
        assertEquals(1, ack.getInt("events"));

        JsonObject hourly = json(ok(app.get("/api/devices/" + deviceId + "/metrics?metric=temperature&from=" + start
                + "&to=" + start.plus(Duration.ofHours(2)) + "&step=1h"), 200));
        JsonArray pts = hourly.getJsonArray("series").getJsonObject(0).getJsonArray("points");
        assertEquals(2, pts.size());
        assertEquals(29.5, pts.getJsonObject(0).getJsonNumber("avg").doubleValue(), 1e-9);
        assertEquals(119.0, pts.getJsonObject(1).getJsonNumber("max").doubleValue());
        assertEquals(60, pts.getJsonObject(1).getInt("count"));
        JsonObject raw = json(ok(app.get("/api/devices/" + deviceId + "/metrics?metric=temperature&from=" + start
                + "&to=" + start.plusSeconds(600)), 200));
        assertEquals(10, raw.getJsonArray("series").getJsonObject(0).getJsonArray("points").size());
        JsonObject unknown = problem(app.get("/api/devices/" + deviceId + "/metrics?metric=pressure"), 422);
        assertTrue(unknown.getString("detail").contains("humidity, temperature"), unknown.toString());

        JsonObject events = json(ok(app.get("/api/devices/" + deviceId + "/events"), 200));
        assertEquals("door_open", events.getJsonArray("items").getJsonObject(0).getString("kind"));
        Instant lastSeen = Instant.parse(json(app.get("/api/devices/" + deviceId)).getString("last_seen"));
        assertTrue(!lastSeen.isBefore(Instant.parse("2026-03-01T01:59:00Z")), "last_seen " + lastSeen);
    }

    @Test
    void malformedJsonIs400Problem() {
        long before = samples();
        JsonObject p = problem(app.post("/api/ingest", "{bad"), 400);
        assertEquals("body", p.getString("field"));
        problem(app.post("/api/ingest", "[]"), 400);
        problem(app.post("/api/ingest", ""), 400);
        assertEquals(before, samples());
    }

    @Test
    void oneBadItemAmongAThousandRejectsTheWholeBatch() {
        long before = samples();
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        JsonObject p = problem(app.post("/api/ingest", batch(1000, start, 517,
                sample(deviceId, "temperature", "\"" + start + "\"", "\"abc\""))), 400);
        assertEquals("samples[517].value", p.getString("field"));
        assertTrue(p.getString("detail").contains("samples[517].value"), p.toString());
        assertEquals(before, samples(), "a rejected batch writes nothing");

        JsonObject unknownDevice = problem(app.post("/api/ingest", batch(1000, start, 517,
                sample(987654, "temperature", "\"" + start + "\"", "1"))), 422);
        assertEquals("samples[517].device_id", unknownDevice.getString("field"));
        assertEquals(before, samples());
    }

    @Test
    void nanInfinityTimestampsAndUnknownMetricAreRejected() {
        long before = samples();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertEquals("samples[0].value", problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature",
                "\"" + now + "\"", "\"NaN\"") + "]}"), 400).getString("field"));
        assertEquals(400, app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature", "\"" + now + "\"", "NaN")
                + "]}").statusCode());
        assertEquals("samples[0].value", problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature",
                "\"" + now + "\"", "1e999") + "]}"), 422).getString("field"));
        assertEquals("samples[1].ts", problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature",
                "\"" + now + "\"", "1") + "," + sample(deviceId, "temperature", "\"1999-12-31T23:59:00Z\"", "1") + "]}"), 422)
                .getString("field"));
        assertEquals("samples[0].ts", problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature",
                "\"" + now.plus(Duration.ofDays(3)) + "\"", "1") + "]}"), 422).getString("field"));
        assertEquals("samples[0].ts", problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "temperature",
                "\"yesterday\"", "1") + "]}"), 400).getString("field"));
        assertEquals("samples[0].metric", problem(app.post("/api/ingest", "{\"samples\":[{\"device_id\":" + deviceId
                + ",\"ts\":\"" + now + "\",\"value\":1}]}"), 400).getString("field"));
        JsonObject unknown = problem(app.post("/api/ingest", "{\"samples\":[" + sample(deviceId, "pressure", "\"" + now + "\"",
                "1") + "]}"), 422);
        assertEquals("samples[0].metric", unknown.getString("field"));
        assertTrue(unknown.getString("detail").contains("'pressure'") && unknown.getString("detail")
                .contains("allowed metrics: humidity, temperature"), unknown.toString());
        assertEquals("events[0].severity", problem(app.post("/api/ingest", "{\"events\":[{\"device_id\":" + deviceId
                + ",\"ts\":\"" + now + "\",\"kind\":\"x\",\"severity\":\"apocalyptic\"}]}"), 422).getString("field"));
        assertEquals(before, samples());
    }

    @Test
    void oversizeBodyAndBatchAre413() {
        long before = samples();
        String big = "{\"samples\":[], \"pad\":\"" + "x".repeat((int) MAX_BODY) + "\"}";
        problem(app.post("/api/ingest", big), 413);
        JsonObject p = problem(app.post("/api/ingest", batch(MAX_BATCH + 1, Instant.parse("2026-05-01T00:00:00Z"), -1, null)),
                413);
        assertEquals("samples", p.getString("field"));
        assertEquals(before, samples());
    }

    @Test
    void tenThousandSampleBatchCommitsInOneGo() {
        long before = samples();
        String body = batch(10_000, Instant.parse("2026-06-01T00:00:00Z"), -1, null);
        long t0 = System.nanoTime();
        JsonObject ack = json(ok(app.post("/api/ingest", body), 200));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[api] 10,000-sample batch acknowledged in " + ms + " ms (commit " + ack.getInt("commit_ms") + " ms)");
        assertEquals(10_000, ack.getInt("samples"));
        assertEquals(before + 10_000, samples());
    }

    @Test
    void unknownRoutesAndIdsAreProblems() {
        problem(app.get("/api/nope"), 404);
        assertEquals("id", problem(app.get("/api/devices/abc"), 400).getString("field"));
        problem(app.get("/api/sites/424242"), 404);
    }

    @Test
    void statusHealthAndMetrics() {
        JsonObject st = json(ok(app.get("/api/ai/status"), 200));
        assertEquals("up", st.getJsonObject("database").getString("status"));
        assertEquals("h2", st.getJsonObject("database").getString("type"));
        assertTrue(st.getJsonObject("database").getJsonObject("counts").getInt("devices") >= 1);
        assertTrue(st.getJsonObject("memory").getJsonNumber("heap_used_bytes").longValue() > 0);
        assertEquals(dir.toAbsolutePath().normalize().toString(), st.getString("data_dir"));

        HttpResponse<String> health = ok(app.get("/observe/health"), 200);
        assertTrue(health.body().contains("\"UP\""), health.body());
        ok(app.get("/observe/health/live"), 200);
        ok(app.get("/observe/health/ready"), 200);

        app.get("/api/devices/" + deviceId);
        HttpResponse<String> m = ok(app.get("/metrics"), 200);
        assertTrue(m.body().contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                + "uri=\"/api/devices/{id}\"}"), m.body());
        assertTrue(m.body().contains("homepot_ingest_samples_total"), "ingest counter");
        assertTrue(m.body().contains("jvm_memory_used_bytes"), "jvm memory");
        assertTrue(m.body().contains("jvm_gc_"), "gc");
    }

    @Test
    void wrongMethodGetsAProblemNotAStackTrace() {
        HttpResponse<String> r = app.send(HttpRequest.newBuilder(URI.create(app.url("/api/ingest"))).GET().build());
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.body());
    }
}
