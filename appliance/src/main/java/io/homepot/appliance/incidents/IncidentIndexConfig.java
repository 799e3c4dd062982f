package io.homepot.appliance.incidents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.config.Settings;
import io.homepot.vectorindex.embed.ModelVariant;

/**
 * Settings of the incident memory (embedder + vector index), read once at start-up.
 *
 * <table>
 * <caption>Keys (environment wins over {@code application.yaml})</caption>
 * <tr><td>HOMEPOT_EMBEDDING_MODEL</td><td>homepot.incidents.embedding-model: {@code fp32} (default) or {@code int8}</td></tr>
 * <tr><td>HOMEPOT_EMBEDDING_THREADS</td><td>homepot.incidents.embedding-threads: ONNX intra-op threads per call
 * (default 1, leaving the other core to ingest and the web server; 0 = one per core)</td></tr>
 * <tr><td>HOMEPOT_INDEX_QUEUE_CAPACITY</td><td>homepot.incidents.queue-capacity (default 4096)</td></tr>
 * <tr><td>HOMEPOT_INDEX_RECONCILE_SECONDS</td><td>homepot.incidents.reconcile-seconds (default 300; 0 = only at start
 * and after a queue overflow)</td></tr>
 * </table>
 *
 * @param variant          embedding model
 * @param indexDir         index files ({@code <dataDir>/index})
 * @param nativeDir        ONNX/DJL native caches ({@code <dataDir>/native})
 * @param embeddingThreads ONNX Runtime intra-op threads per inference call (0 = one per core)
 * @param queueCapacity    incidents waiting to be indexed before new ones are left to the reconciler
 * @param batchSize        incidents embedded per batch
 * @param reconcileEvery   period of the full comparison with {@code ai_incident_patterns} ({@link Duration#ZERO} = off)
 */
public record IncidentIndexConfig(ModelVariant variant, Path indexDir, Path nativeDir, int embeddingThreads,
                                  int queueCapacity, int batchSize, Duration reconcileEvery) {

    public IncidentIndexConfig {
        if (queueCapacity < 1) {
            throw new ConfigException("homepot.incidents.queue-capacity (HOMEPOT_INDEX_QUEUE_CAPACITY) must be >= 1, got "
                    + queueCapacity);
        }
        if (embeddingThreads < 0) {
            throw new ConfigException("homepot.incidents.embedding-threads (HOMEPOT_EMBEDDING_THREADS) must be >= 0, got "
                    + embeddingThreads);
        }
        if (batchSize < 1) {
            throw new ConfigException("incident index batch size must be >= 1");
        }
        if (reconcileEvery.isNegative()) {
            throw new ConfigException("homepot.incidents.reconcile-seconds must be >= 0");
        }
    }

    /** Defaults under {@code dataDir}: fp32, one ONNX thread, queue 4096, batches of 32, full reconcile every 5 min. */
    public static IncidentIndexConfig defaults(Path dataDir) {
        return new IncidentIndexConfig(ModelVariant.FP32, dataDir.resolve("index"), dataDir.resolve("native"), 1, 4096,
                32, Duration.ofMinutes(5));
    }

    public IncidentIndexConfig withVariant(ModelVariant v) {
        return new IncidentIndexConfig(v, indexDir, nativeDir, embeddingThreads, queueCapacity, batchSize, reconcileEvery);
    }

    public IncidentIndexConfig withQueueCapacity(int n) {
        return new IncidentIndexConfig(variant, indexDir, nativeDir, embeddingThreads, n, batchSize, reconcileEvery);
    }

    public IncidentIndexConfig withReconcileEvery(Duration d) {
        return new IncidentIndexConfig(variant, indexDir, nativeDir, embeddingThreads, queueCapacity, batchSize, d);
    }

    /** Reads the class-path {@code application.yaml} and the process environment. */
    public static IncidentIndexConfig load(Path dataDir) {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml").optional()).get("homepot.incidents");
        return load(dataDir, System.getenv(), yaml);
    }

    /** Reads {@code yaml} (the {@code homepot.incidents} node) and {@code env}. */
    public static IncidentIndexConfig load(Path dataDir, Map<String, String> env, Config yaml) {
        IncidentIndexConfig d = defaults(dataDir);
        Settings s = new Settings(yaml, env, "homepot.incidents");
        String model = s.str("embedding-model", "HOMEPOT_EMBEDDING_MODEL", null);
        ModelVariant variant;
        try {
            variant = model == null || model.isBlank() ? d.variant() : ModelVariant.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("homepot.incidents.embedding-model (HOMEPOT_EMBEDDING_MODEL) must be fp32 or int8, "
                    + "got '" + model + "'");
        }
        int threads = s.integer("embedding-threads", "HOMEPOT_EMBEDDING_THREADS", d.embeddingThreads());
        int queue = s.integer("queue-capacity", "HOMEPOT_INDEX_QUEUE_CAPACITY", d.queueCapacity());
        long reconcile = s.num("reconcile-seconds", "HOMEPOT_INDEX_RECONCILE_SECONDS", d.reconcileEvery().toSeconds());
        return new IncidentIndexConfig(variant, d.indexDir(), d.nativeDir(), threads, queue, d.batchSize(),
                Duration.ofSeconds(reconcile));
    }
}
