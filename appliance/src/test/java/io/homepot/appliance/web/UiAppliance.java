package io.homepot.appliance.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
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
import io.homepot.appliance.scoring.ScoringModule;

/**
 * The appliance the browser tests drive: the real one, wired like {@code Main.main} (plus the report module, wired
 * as in its own fixture until {@code Main} installs it), on port 0 with
 * a temporary data dir, embedded H2, a small deterministic demo site (seed 42, 2 days of history back-filled
 * before the server starts, no live stream) and an Ollama URL nobody answers (so AI answers take the degraded path).
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

    private UiAppliance(String baseUrl, Appliance app, WebServer server, Path dataDir) {
        this.baseUrl = baseUrl;
        this.app = app;
        this.server = server;
        this.dataDir = dataDir;
    }

    static UiAppliance start() {
        String external = System.getProperty("homepot.ui.baseUrl", "");
        if (!external.isBlank()) {
            return new UiAppliance(external.replaceAll("/+$", ""), null, null, null);
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
        try {
            DemoSite demo = DemoSite.prepare(app);
            demo.backfill(); // synchronously, so every page has its data when the browser arrives
            Main.Modules modules = Main.installModules(app, null); // the same wiring as Main.main
            awaitCatchUp(modules.scoring());
            WebServer server = Main.server(app).start();
            modules.incidents().start();
            return new UiAppliance("http://127.0.0.1:" + server.port(), app, server, dir);
        } catch (RuntimeException e) {
            app.close();
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
