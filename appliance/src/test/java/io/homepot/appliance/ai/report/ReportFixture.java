package io.homepot.appliance.ai.report;

import java.io.IOException;
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
import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.ai.AiModule;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.demo.DemoSite;
import io.homepot.appliance.llm.LlmConfig;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.scoring.ScoringModule;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A real appliance for report tests: H2 file database in a temp dir, the foundation's demo site "Building A"
 * back-filled for {@link #DAYS} days and scored by the scoring engine's catch-up (so anomalies and incidents
 * exist), the AI module's context with an LLM client pointed at {@code ollamaUrl}, the report module installed
 * with the given config and subscribed to the scoring bus, and the web server on a free port.
 */
final class ReportFixture implements AutoCloseable {
    static final int DAYS = 2;

    final Appliance app;
    final AiModule ai;
    final ReportModule reports;
    final ScoringModule scoring;
    final WebServer server;
    final long siteId;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ReportFixture(Path dir, String ollamaUrl, Clock clock, ReportConfig config, AiConfig aiConfig) throws InterruptedException {
        AppConfig base = AppConfig.forTests(dir);
        AppConfig cfg = new AppConfig(base.host(), 0, base.dataDir(), base.db(), base.limits(),
                new DemoConfig(true, 42, DAYS, 0), ollamaUrl, false);
        app = Appliance.open(cfg, clock);
        DemoSite demo = DemoSite.prepare(app);
        demo.backfill();
        siteId = demo.site().id();
        scoring = ScoringModule.install(app);
        LlmService llm = new LlmService(LlmConfig.builder().url(ollamaUrl).retryBackoff(Duration.ofMillis(20)).build(),
                app.meterRegistry());
        app.onClose(llm);
        ai = AiModule.builder(app.stores(), app.meterRegistry()).llm(llm).config(aiConfig).clock(clock)
                .scoringHealth(scoring.engine()::health).build();
        reports = ReportModule.install(app, ai.context(), config).subscribe(scoring.bus());
        scoring.start();
        if (!scoring.engine().awaitIdle(Duration.ofMinutes(5))) {
            throw new AssertionError("scoring catch-up did not finish");
        }
        server = Main.server(app).start(); // the scheduled reports start when a test calls reports.start()
    }

    /** Closed loopback port: connections are refused (Ollama absent). */
    static String closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    Device device(String name) {
        return app.stores().devices().list(new DeviceQuery(siteId, null, null, name, 10, 0)).items().stream()
                .filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no device " + name));
    }

    /** A response with its parsed JSON body ({@code null} when not JSON) and the client-side elapsed time. */
    record Res(int status, String body, JsonObject json, String contentType, long elapsedMs, HttpResponse<String> raw) {
    }

    Res get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    Res post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private Res send(HttpRequest.Builder b) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        JsonObject json = ct.contains("json") && !r.body().isBlank()
                ? Json.createReader(new StringReader(r.body())).readObject() : null;
        return new Res(r.statusCode(), r.body(), json, ct, ms, r);
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }
}
