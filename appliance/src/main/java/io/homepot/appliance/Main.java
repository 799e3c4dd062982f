package io.homepot.appliance;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.homepot.appliance.ai.AiModule;
import io.homepot.appliance.api.DeviceDataService;
import io.homepot.appliance.api.DeviceService;
import io.homepot.appliance.api.DeviceTypeService;
import io.homepot.appliance.api.ErrorHandlers;
import io.homepot.appliance.api.HttpMetricsFilter;
import io.homepot.appliance.api.IngestService;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.api.SiteService;
import io.homepot.appliance.api.StatusService;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.demo.DemoSite;
import io.homepot.appliance.incidents.IncidentsModule;
import io.homepot.appliance.ingest.mqtt.MqttConfig;
import io.homepot.appliance.ingest.mqtt.MqttIngest;
import io.homepot.appliance.scoring.ScoringModule;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.web.WebUi;

/**
 * Entry point: reads the configuration once, opens the {@link Appliance}, optionally prepares the demo
 * site, starts the web server and prints the URL when ready.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        LogConfig.configureRuntime();
        AppConfig cfg;
        MqttConfig mqttCfg;
        try {
            cfg = AppConfig.load(args);
            mqttCfg = MqttConfig.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Appliance app = Appliance.open(cfg, Clock.systemUTC());
        if (cfg.removeDemo()) {
            boolean removed = DemoSite.remove(app);
            System.out.println(removed ? "Demo site removed." : "No demo site to remove.");
            app.close();
            return;
        }
        DemoSite demo = cfg.demo().enabled() ? DemoSite.prepare(app) : null;
        Modules modules = installModules(app, demo);
        installMqtt(app, mqttCfg);
        WebServer server = server(app).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
        }, "homepot-shutdown"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String host = "0.0.0.0".equals(cfg.host()) ? "localhost" : cfg.host();
        System.out.println("HOMEPOT appliance ready in " + ms + " ms at http://" + host + ":" + server.port()
                + "/  (data dir " + cfg.dataDir() + ", database " + app.db().kind().label() + ")");
        modules.incidents().start(); // model + index open in the background once the server is ready
        if (demo != null) {
            demo.start();
        }
    }

    /** The modules that sit on top of the core API; {@link #installModules} wires them the same way for tests. */
    public record Modules(IncidentsModule incidents, ScoringModule scoring, AiModule ai) {
    }

    /**
     * Installs and starts the scoring engine, incident memory (index opened later by {@code incidents().start()}),
     * AI service and reports on {@code app}, subscribed to each other; {@code demo} (nullable) gets its
     * back-fill scored. Call before {@link #server(Appliance)}.
     */
    public static Modules installModules(Appliance app, DemoSite demo) {
        // incident memory (embeddings + vector index): API and scoring subscription now, opened after start-up
        IncidentsModule incidents = IncidentsModule.install(app);
        // scoring: start-up catch-up re-scores stored history past the snapshot; subscribers before start()
        ScoringModule scoring = ScoringModule.install(app);
        scoring.bus().subscribe(incidents.indexer());
        // AI service: /api/ai/* (answers degrade without Ollama), reports and their schedule
        AiModule ai = AiModule.installDefault(app, scoring.engine()::health, incidents.similarIncidents());
        ai.reports().subscribe(scoring.bus()); // an incident report on each live critical anomaly
        scoring.start();
        if (demo != null) {
            demo.onBackfilled(scoring.engine()::requestCatchUp); // the back-fill bypasses ingest listeners
        }
        return new Modules(incidents, scoring, ai);
    }

    /**
     * Starts MQTT ingest when {@code config} is enabled (devices and gateways publishing to the site's broker; the
     * connection is made in the background): status section {@code mqtt}, closed with the appliance.
     */
    public static Optional<MqttIngest> installMqtt(Appliance app, MqttConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        MqttIngest mqtt = MqttIngest.start(config, app.ingest(), app.config().limits(), app.meterRegistry(), app.clock());
        app.addStatusContributor(mqtt);
        app.onClose(mqtt);
        return Optional.of(mqtt);
    }

    /** Builds (does not start) the web server for {@code app}: routing plus the observe feature (health). */
    public static WebServer server(Appliance app) {
        return WebServer.builder()
                .host(app.config().host())
                .port(app.config().port())
                // Helidon's strict URI check rejects ':' in queries (from=2026-01-01T00:00:00Z); we parse params ourselves
                .addProtocol(Http1Config.builder().validatePath(false).validatePrologue(false).build())
                .routing(r -> routing(r, app))
                .addFeature(ObserveFeature.builder()
                        .observersDiscoverServices(false)
                        .addObserver(HealthObserver.builder().details(true).useSystemServices(false)
                                .addCheck(databaseCheck(app, HealthCheckType.READINESS))
                                .addCheck(liveness(app))
                                .build())
                        .build())
                .build();
    }

    /** The appliance's HTTP routing; tests reuse it. */
    public static void routing(HttpRouting.Builder routing, Appliance app) {
        Stores s = app.stores();
        var limits = app.config().limits();
        routing.addFilter(new HttpMetricsFilter(app.meterRegistry()))
                .register("/api/sites", new SiteService(s.sites(), s.demoIncidents(), limits))
                .register("/api/device-types", new DeviceTypeService(s.deviceTypes()))
                .register("/api/devices", new DeviceService(s.devices(), s.deviceTypes(), s.sites(), limits),
                        new DeviceDataService(s.devices(), s.deviceTypes(), s.samples(), s.events(), limits, app.clock()))
                .register("/api/ingest", new IngestService(app.ingest(), limits))
                .register("/api/ai/status", new StatusService(app))
                .get("/metrics", (req, res) -> {
                    res.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    res.send(app.prometheus().scrape());
                });
        for (Appliance.MountedService m : app.services()) {
            routing.register(m.path(), m.service());
        }
        routing.any("/api/*", (req, res) -> {
            throw new ProblemException(404, "Not Found", "No API endpoint " + req.prologue().method().text() + " "
                    + req.path().path() + "; see docs/api.md", null);
        });
        routing.register(new WebUi()); // the browser UI at / (after the API, never shadows it)
        ErrorHandlers.register(routing);
    }

    private static HealthCheck databaseCheck(Appliance app, HealthCheckType type) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return "database";
            }

            @Override
            public HealthCheckResponse call() {
                boolean up = app.db().ping();
                return HealthCheckResponse.builder().status(up).detail("type", app.db().kind().label()).build();
            }
        };
    }

    private static HealthCheck liveness(Appliance app) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.LIVENESS;
            }

            @Override
            public String name() {
                return "process";
            }

            @Override
            public HealthCheckResponse call() {
                Runtime rt = Runtime.getRuntime();
                long used = rt.totalMemory() - rt.freeMemory();
                return HealthCheckResponse.builder().status(true).detail("heap_used_bytes", used)
                        .detail("heap_max_bytes", rt.maxMemory()).build();
            }
        };
    }
}
