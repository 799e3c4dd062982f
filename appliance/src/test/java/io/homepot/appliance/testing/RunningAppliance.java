package io.homepot.appliance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.helidon.webserver.WebServer;
import io.homepot.appliance.Appliance;
import io.homepot.appliance.Main;
import io.homepot.appliance.config.AppConfig;

/**
 * A real appliance for tests: {@link Appliance} plus web server on a free port, started like {@code Main}
 * does, with a plain JDK HTTP client. {@link #restart()} closes and reopens on the same data dir.
 */
public final class RunningAppliance implements AutoCloseable {
    private final AppConfig config;
    private final Clock clock;
    private Appliance app;
    private WebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningAppliance(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        open();
    }

    public static RunningAppliance start(AppConfig config) {
        return new RunningAppliance(config, Clock.systemUTC());
    }

    public static RunningAppliance start(AppConfig config, Clock clock) {
        return new RunningAppliance(config, clock);
    }

    private void open() {
        app = Appliance.open(config, clock);
        server = Main.server(app).start();
    }

    public Appliance app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Stops the server and appliance and starts both again on the same data dir. */
    public void restart() {
        server.stop();
        app.close();
        open();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE().build());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        app.close();
    }

    /** Deletes a directory tree (best effort). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
