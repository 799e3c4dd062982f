package io.homepot.appliance.incidents;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.appliance.ai.facts.StoreSimilarIncidents;
import io.homepot.appliance.api.IncidentApi;
import io.homepot.appliance.status.StatusContributor;
import jakarta.json.JsonObject;

/**
 * Wires the incident memory into an {@link Appliance}: creates {@link IncidentMemory} ({@link #start()} opens the
 * model and index in the background, so start-up is not delayed), mounts {@link IncidentApi} at {@code /api}, adds the {@code index}
 * section to {@code /api/ai/status} and closes the memory at shutdown. The caller subscribes {@link #indexer()} to
 * the scoring bus and gives {@link #similarIncidents()} to the AI service.
 */
public final class IncidentsModule implements StatusContributor {
    private final IncidentMemory memory;
    private final SimilarIncidents storeFallback;
    private final IndexSimilarIncidents similar;

    private IncidentsModule(IncidentMemory memory, SimilarIncidents storeFallback) {
        this.memory = memory;
        this.storeFallback = storeFallback;
        this.similar = new IndexSimilarIncidents(memory, storeFallback);
    }

    /**
     * Reads {@link IncidentIndexConfig} (yaml + environment) for the appliance's data dir and installs; call
     * {@link #start()} once the web server is up (until then searches use the database fallback).
     */
    public static IncidentsModule install(Appliance app) {
        return install(app, IncidentIndexConfig.load(app.config().dataDir()));
    }

    /** Installs with explicit settings (tests); does not start the background worker. */
    public static IncidentsModule install(Appliance app, IncidentIndexConfig config) {
        IncidentMemory memory = IncidentMemory.create(config, app.db());
        app.onClose(memory);
        IncidentsModule m = new IncidentsModule(memory, new StoreSimilarIncidents(app.db()));
        app.addService("/api", new IncidentApi(memory, app.stores().incidents(), m.storeFallback));
        app.addStatusContributor(m);
        return m;
    }

    /**
     * Starts loading the model and opening the index in the background. Main calls it after the server is ready so
     * the ONNX start-up never competes with the appliance's own; returns at once.
     */
    public IncidentsModule start() {
        memory.start();
        return this;
    }

    public IncidentMemory memory() {
        return memory;
    }

    /** Subscribe to the scoring bus; other incident writers call it after their commit. */
    public IncidentIndexer indexer() {
        return memory.indexer();
    }

    /** Index-backed similar-incident search for the AI fact sheets (store fallback while the index opens). */
    public SimilarIncidents similarIncidents() {
        return similar;
    }

    @Override
    public String name() {
        return "index";
    }

    @Override
    public JsonObject snapshot() {
        return memory.status().toJson();
    }
}
