package io.homepot.appliance.scoring;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.api.AnomalyApi;
import io.homepot.appliance.api.ForecastApi;
import io.homepot.appliance.api.HealthApi;
import io.homepot.appliance.api.StreamApi;
import io.homepot.appliance.live.LiveFeed;
import io.homepot.appliance.live.SseHub;
import io.homepot.appliance.status.StatusContributor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Wires scoring into a running {@link Appliance}: the {@link ScoringEngine} as an ingest listener, the
 * {@link ScoringBus}, the SSE hub with its {@link LiveFeed}, the health/anomaly/forecast/stream endpoints under
 * {@code /api}, a {@code scoring} section in {@code /api/ai/status}, and shutdown (final detector snapshot).
 *
 * <p>Call {@link #install} before the web server is built, subscribe listeners, then {@link #start()}. Anything stored without going through ingest (the demo
 * back-fill) is scored by the engine's start-up catch-up when it was stored before {@code install}, else call
 * {@code engine().requestCatchUp()} after storing it. Other components subscribe with
 * {@code module.bus().subscribe(listener)} (e.g. the vector index: {@link ScoringListener#onIncident}).</p>
 */
public final class ScoringModule {
    private final ScoringBus bus;
    private final ScoringEngine engine;
    private final SseHub hub;

    private ScoringModule(ScoringBus bus, ScoringEngine engine, SseHub hub) {
        this.bus = bus;
        this.engine = engine;
        this.hub = hub;
    }

    public static ScoringModule install(Appliance app) {
        ScoringBus bus = new ScoringBus();
        ScoringEngine engine = new ScoringEngine(app.stores(), bus, ScoringEngine.Settings.defaults(app.config().dataDir()));
        SseHub hub = SseHub.defaults();
        bus.subscribe(new LiveFeed(hub));
        app.ingest().addListener(engine);
        app.addService("/api", new HealthApi(app.stores(), engine));
        app.addService("/api", new AnomalyApi(app.stores()));
        app.addService("/api", new ForecastApi(app.stores()));
        app.addService("/api", new StreamApi(hub));
        app.addStatusContributor(new StatusContributor() {
            @Override
            public String name() {
                return "scoring";
            }

            @Override
            public JsonObject snapshot() {
                ScoringEngine.Stats s = engine.stats();
                JsonObjectBuilder b = Json.createObjectBuilder().add("series", s.series()).add("points_scored", s.points())
                        .add("alerts", s.alerts()).add("queued_batches", s.queued()).add("queue_overflows", s.overflows())
                        .add("live_clients", hub.clients());
                if (s.lastCatchUp() != null) {
                    b.add("last_catch_up", Json.createObjectBuilder().add("points", s.lastCatchUp().points())
                            .add("alerts", s.lastCatchUp().alerts()).add("millis", s.lastCatchUp().millis())
                            .add("at", s.lastCatchUp().at().toString()));
                }
                return b.build();
            }
        });
        // closed last-registered-first: the hub ends open streams, then the engine drains and snapshots
        app.onClose(engine);
        app.onClose(hub);
        return new ScoringModule(bus, engine, hub);
    }

    /**
     * Starts the engine: restores detector state and queues the catch-up of stored history. Subscribe to
     * {@link #bus()} before this so the catch-up's incidents reach you too.
     */
    public ScoringModule start() {
        engine.start();
        return this;
    }

    public ScoringBus bus() {
        return bus;
    }

    public ScoringEngine engine() {
        return engine;
    }

    public SseHub hub() {
        return hub;
    }
}
