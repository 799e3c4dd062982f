package io.homepot.appliance.incidents;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.helidon.webserver.WebServer;
import io.homepot.appliance.Appliance;
import io.homepot.appliance.Main;
import io.homepot.appliance.config.AppConfig;
import jakarta.json.JsonObject;

/**
 * A real appliance for the incident tests: H2 file database in {@code dataDir}, the incident module with real ONNX
 * inference and the JVector index under {@code dataDir}, and a real HTTP server on a free loopback port.
 */
final class TestAppliance implements AutoCloseable {
    final Appliance app;
    final IncidentsModule incidents;
    final WebServer server;
    final long startToListeningMs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestAppliance(Appliance app, IncidentsModule incidents, WebServer server, long startMs) {
        this.app = app;
        this.incidents = incidents;
        this.server = server;
        this.startToListeningMs = startMs;
    }

    static TestAppliance start(Path dataDir) {
        return start(dataDir, IncidentIndexConfig.defaults(dataDir));
    }

    static TestAppliance start(Path dataDir, IncidentIndexConfig cfg) {
        return start(AppConfig.forTests(dataDir), cfg);
    }

    /** The appliance as {@code Main} wires it (same routing, status and error handling). */
    static TestAppliance start(AppConfig config, IncidentIndexConfig cfg) {
        long t0 = System.nanoTime();
        Appliance app = Appliance.open(config, Clock.systemUTC());
        IncidentsModule m = IncidentsModule.install(app, cfg);
        WebServer server = Main.server(app).start();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        m.start();                                              // as Main: after the server is up
        return new TestAppliance(app, m, server, ms);
    }

    /** Starts the HTTP server of an appliance wired by the caller, then the incident memory. */
    static TestAppliance serve(Appliance app, IncidentsModule m) {
        long t0 = System.nanoTime();
        WebServer server = Main.server(app).start();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        m.start();
        return new TestAppliance(app, m, server, ms);
    }

    IncidentMemory memory() {
        return incidents.memory();
    }

    void awaitReady() throws InterruptedException {
        if (!memory().awaitReady(Duration.ofSeconds(60))) {
            throw new AssertionError("index not ready: " + memory().status());
        }
    }

    /** Waits until the indexing queue is empty and the last batch is written. */
    void awaitIndexed(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (memory().indexedRecord(id).isPresent()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("incident " + id + " not indexed: " + memory().status());
    }

    record Response(int status, String contentType, String body) {
        JsonObject json() {
            return jakarta.json.Json.createReader(new StringReader(body)).readObject();
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonObject getJson(String path) {
        Response r = get(path);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.status() + " " + r.body());
        }
        return r.json();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private Response send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (Exception e) {
            throw new AssertionError(req.method() + " " + req.uri() + " failed", e);
        }
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
