package io.homepot.appliance.incidents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.store.Database;
import io.homepot.vectorindex.embed.CachingEmbedder;
import io.homepot.vectorindex.embed.Embedder;
import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.index.CategoryAnchors;
import io.homepot.vectorindex.index.CategoryClassifier;
import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.index.IndexOptions;
import io.homepot.vectorindex.index.SearchFilter;
import io.homepot.vectorindex.index.SimilarIncident;
import io.homepot.vectorindex.model.IncidentRecord;
import io.homepot.vectorindex.store.FileFormat;

/**
 * The appliance's incident memory: the MiniLM embedder and the JVector {@link IncidentIndex} over
 * {@code ai_incident_patterns}, kept in step with the table by one background worker.
 *
 * <p>{@link #start} returns at once; the worker loads the model, opens the index files in {@code <dataDir>/index}
 * (an unreadable or other-model index starts empty), reconciles it with the table (state {@code rebuilding} with
 * progress while it embeds), and then serves {@link IncidentIndexer}'s queue, a periodic full reconciliation and
 * snapshots. Until the state is {@code ready} searches return empty {@link Optional}s so callers fall back to
 * the store. One instance per appliance; {@link #close()} snapshots and releases the model.</p>
 */
public final class IncidentMemory implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IncidentMemory.class.getName());
    private static final long SNAPSHOT_AFTER_MS = Duration.ofMinutes(10).toMillis();
    /** Least time between two rebuilds of the category prototypes while incidents keep arriving. */
    private static final long CLASSIFIER_REBUILD_MS = Duration.ofMinutes(1).toMillis();
    /**
     * Search texts whose vectors are kept: AI answers search with a text built from a device's computed state, which
     * recurs until the device's data changes, so each distinct state costs one model run (~4 ms fp32).
     */
    static final int QUERY_VECTORS_CACHED = 1024;

    /** Life cycle of the index as shown by {@code /api/ai/status}. */
    public enum State {
        OPENING, REBUILDING, READY, FAILED, CLOSED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A search hit: the incident as the database has it now, and its similarity in [0, 1]. */
    public record Hit(IncidentRow incident, double similarity) {
    }

    /**
     * Hits for a free text and the category its embedding is closest to ({@code null} when nothing is known yet):
     * both from one embedding of the text.
     */
    public record TextMatch(List<Hit> hits, CategoryClassifier.Guess category) {
    }

    private final IncidentIndexConfig config;
    private final IncidentRows rows;
    private final IncidentIndexer indexer;
    private final Thread worker;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicLong progressDone = new AtomicLong();
    private final AtomicLong progressTotal = new AtomicLong();
    private volatile long startedNanos = System.nanoTime();
    private volatile State state = State.OPENING;
    private volatile String error;
    private volatile boolean running = true;
    private volatile CachingEmbedder embedder;
    private volatile IncidentIndex index;
    private volatile IndexSync sync;
    private volatile long openMillis = -1;
    private volatile long readyMillis = -1;
    private volatile Instant lastReconcile;
    private volatile CategoryAnchors anchors = CategoryAnchors.none();
    private volatile CategoryClassifier classifier;
    private volatile int classifierSize = -1;
    private volatile long classifierBuiltMs;

    private IncidentMemory(IncidentIndexConfig config, Database db) {
        this.config = config;
        this.rows = new IncidentRows(db);
        this.indexer = new IncidentIndexer(config.queueCapacity());
        this.worker = Thread.ofPlatform().name("incident-indexer").daemon().unstarted(this::work);
    }

    /** Starts the worker and returns immediately (the index opens in the background). */
    public static IncidentMemory start(IncidentIndexConfig config, Database db) {
        IncidentMemory m = create(config, db);
        m.start();
        return m;
    }

    /**
     * Creates the memory without starting it: the indexer already queues changes and searches fall back to the
     * database until {@link #start()}.
     */
    public static IncidentMemory create(IncidentIndexConfig config, Database db) {
        return new IncidentMemory(config, db);
    }

    /** Starts the background worker (model load, index open, reconciliation); idempotent. */
    public synchronized void start() {
        if (worker.getState() == Thread.State.NEW && running) {
            startedNanos = System.nanoTime();
            worker.start();
        }
    }

    /** The queue every incident change goes through (subscribe it to the scoring bus). */
    public IncidentIndexer indexer() {
        return indexer;
    }

    /** Read-only incident queries used by the API. */
    public IncidentRows rows() {
        return rows;
    }

    public IncidentIndexConfig config() {
        return config;
    }

    public State state() {
        return state;
    }

    /** Waits until the index is ready or failed; true when ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return state == State.READY;
    }

    private void work() {
        try {
            open();
        } catch (Throwable e) {
            error = e.toString();
            state = State.FAILED;
            settled.countDown();
            LOG.log(Level.SEVERE, "Incident index unavailable; similar-incident search falls back to the database", e);
            return;
        }
        long nextReconcile = System.currentTimeMillis() + config.reconcileEvery().toMillis();
        while (running) {
            try {
                List<Long> ids = indexer.take(config.batchSize(), 250);
                if (!ids.isEmpty() && running) {
                    sync.sync(ids);
                }
                boolean periodic = !config.reconcileEvery().isZero() && System.currentTimeMillis() >= nextReconcile;
                if (running && (indexer.consumeReconcileRequest() || periodic)) {
                    reconcile(false);
                    nextReconcile = System.currentTimeMillis() + config.reconcileEvery().toMillis();
                }
                maybeSnapshot();
                maybeRebuildClassifier(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | AssertionError e) {
                LOG.log(Level.WARNING, "Indexing failed; the next reconciliation repairs the index", e);
                indexer.requestReconcile();
                sleepQuietly();
            }
        }
    }

    private void open() throws IOException {
        long t0 = System.nanoTime();
        embedder = new CachingEmbedder(MiniLmEmbedder.open(EmbedderConfig.defaults(config.nativeDir())
                .withVariant(config.variant()).withMaxBatchSize(config.batchSize())
                .withIntraOpThreads(config.embeddingThreads())), QUERY_VECTORS_CACHED);
        long t1 = System.nanoTime();
        index = IncidentIndex.open(config.indexDir(), embedder, null, IndexOptions.defaults());
        sync = new IndexSync(rows, index);
        openMillis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info(() -> String.format("Incident index opened in %d ms (model %d ms): %d incidents in %s",
                openMillis, (t1 - t0) / 1_000_000, index.size(), config.indexDir()));
        try {
            reconcile(true);
        } catch (IOException | RuntimeException e) {
            // the index itself is usable; the worker retries the comparison with the table
            LOG.log(Level.WARNING, "Start-up reconciliation of the incident index failed; retrying in the background", e);
            indexer.requestReconcile();
        }
        anchors = CategoryAnchors.builtIn(embedder);
        maybeRebuildClassifier(true);
        state = State.READY;
        readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        settled.countDown();
    }

    private void reconcile(boolean atStart) throws IOException {
        IndexReconciler.Result r = new IndexReconciler(rows, sync, config.batchSize()).run(index, planned -> {
            progressDone.set(0);
            progressTotal.set(planned);
            if (atStart && planned > 0) {
                state = State.REBUILDING;
            }
        }, progressDone::set, () -> running);
        lastReconcile = Instant.now();
        if (r.changed() + r.removed() > 0) {
            index.snapshot();
        }
        Level level = atStart || r.changed() + r.removed() > 0 ? Level.INFO : Level.FINE;
        LOG.log(level, () -> String.format("Incident index reconciled with %d incident rows in %d ms: %d added or "
                + "updated, %d removed; %d indexed", r.rows(), r.millis(), r.changed(), r.removed(), index.size()));
    }

    private void maybeSnapshot() throws IOException {
        IncidentIndex ix = index;
        long last = Math.max(ix.lastSnapshotMs(), startedAtMs());
        if (ix.pendingLogEntries() > 0 && System.currentTimeMillis() - last >= SNAPSHOT_AFTER_MS) {
            ix.snapshot();
        }
    }

    /**
     * Rebuilds the category prototypes (recorded incidents plus the built-in category descriptions) when the index
     * changed size, at most once a minute unless {@code force}.
     */
    private void maybeRebuildClassifier(boolean force) {
        IncidentIndex ix = index;
        long now = System.currentTimeMillis();
        if (ix.size() != classifierSize && (force || now - classifierBuiltMs >= CLASSIFIER_REBUILD_MS)) {
            int size = ix.size();
            classifier = CategoryClassifier.fromIndex(ix, anchors);
            classifierSize = size;
            classifierBuiltMs = now;
        }
    }

    private long startedAtMs() {
        return System.currentTimeMillis() - (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * The {@code candidates} incidents most similar to {@code text}, re-ranked by similarity plus
     * {@code bonus(record)} (computed on the index's copy of the incident: device, category, resolution), and the
     * best {@code k} of them resolved against the database; empty when the index is not ready.
     */
    public Optional<List<Hit>> similarToText(String text, int candidates, int k, SearchFilter filter,
                                             java.util.function.ToDoubleFunction<IncidentRecord> bonus) {
        IncidentIndex ix = readyIndex();
        if (ix == null) {
            return Optional.empty();
        }
        List<SimilarIncident> ranked = ix.search(text, Math.max(candidates, k), filter).stream()
                .sorted(java.util.Comparator.comparingDouble(
                        (SimilarIncident h) -> -(h.similarity() + bonus.applyAsDouble(h.incident()))))
                .toList();
        List<Hit> out = resolve(ranked.subList(0, Math.min(ranked.size(), k)), k, -1);
        if (out.size() < Math.min(k, ranked.size())) { // some deleted since indexing: resolve the rest too
            out = resolve(ranked, k, -1);
        }
        return Optional.of(out);
    }

    /**
     * Incidents most similar to {@code text} and the text's most likely category (pattern matching:
     * {@link CategoryClassifier}); empty when the index is not ready.
     */
    public Optional<TextMatch> matchText(String text, int k, SearchFilter filter) {
        IncidentIndex ix = readyIndex();
        if (ix == null) {
            return Optional.empty();
        }
        float[] v = embedder.embed(text);
        CategoryClassifier c = classifier;
        return Optional.of(new TextMatch(resolve(ix.search(v, k, filter), k, -1), c == null ? null : c.classify(v)));
    }

    /**
     * Incidents most similar to {@code incident} (never itself). Uses its stored vector, or embeds its description
     * when it is not indexed yet.
     */
    public Optional<List<Hit>> similarToIncident(IncidentRow incident, int k, SearchFilter filter) {
        IncidentIndex ix = readyIndex();
        if (ix == null) {
            return Optional.empty();
        }
        boolean indexed = ix.get(incident.id()).map(r -> r.text().equals(incident.description())).orElse(false);
        List<SimilarIncident> found = indexed ? ix.similarTo(incident.id(), k, filter)
                : ix.search(incident.description(), k + 1, filter);
        return Optional.of(resolve(found, k, incident.id()));
    }

    /** Replaces index records by the current database rows (fresh resolution, device name); drops deleted ones. */
    private List<Hit> resolve(List<SimilarIncident> found, int k, long exclude) {
        Map<Long, IncidentRow> current = rows.byIds(found.stream().map(s -> s.incident().id()).toList());
        List<Hit> out = new ArrayList<>();
        for (SimilarIncident s : found) {
            IncidentRow r = current.get(s.incident().id());
            if (r != null && r.id() != exclude && out.size() < k) {
                out.add(new Hit(r, Math.round(s.similarity() * 1000) / 1000.0));
            }
        }
        return out;
    }

    /**
     * Brings the index in line with the database for one incident now (after a resolution update), so the next
     * search sees it. When the index is not ready the change is queued instead.
     */
    public void syncNow(long incidentId) {
        IndexSync s = state == State.READY ? sync : null;
        if (s == null) {
            indexer.onIncidentUpdated(incidentId);
            return;
        }
        try {
            s.sync(List.of(incidentId));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Index update of incident " + incidentId + " failed; queued for retry", e);
            indexer.onIncidentUpdated(incidentId);
        }
    }

    /** The index's copy of an incident, if indexed (diagnostics and tests). */
    public Optional<IncidentRecord> indexedRecord(long id) {
        IncidentIndex ix = index;
        return ix == null ? Optional.empty() : ix.get(id);
    }

    private IncidentIndex readyIndex() {
        return state == State.READY ? index : null;
    }

    // ------------------------------------------------------------------ status

    /** The {@code index} section of {@code /api/ai/status}. */
    public IndexStatus status() {
        IncidentIndex ix = index;
        IndexSync s = sync;
        CachingEmbedder e = embedder;
        return new IndexStatus(state.label(), ix == null ? 0 : ix.size(), MiniLmEmbedder.DIMENSION,
                config.variant().name().toLowerCase(java.util.Locale.ROOT), config.variant().modelId(),
                lastSnapshot(ix), state == State.REBUILDING ? progressDone.get() : null,
                state == State.REBUILDING ? progressTotal.get() : null, indexer.queued(), indexer.dropped(),
                s == null ? 0 : s.embedded(), s == null ? 0 : s.embedMillis(), openMillis, readyMillis,
                lastReconcile, error, e == null ? 0 : e.hits(), e == null ? 0 : e.misses());
    }

    private Instant lastSnapshot(IncidentIndex ix) {
        if (ix != null && ix.lastSnapshotMs() > 0) {
            return Instant.ofEpochMilli(ix.lastSnapshotMs());
        }
        Path file = config.indexDir().resolve(FileFormat.SNAPSHOT_FILE);
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the worker (finishing the batch at hand), snapshots the index and releases the model. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        try {
            if (worker.getState() != Thread.State.NEW) {
                worker.join(Duration.ofSeconds(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warning("Incident indexer still busy after 60 s; closing the index anyway");
        }
        state = State.CLOSED;
        settled.countDown();
        IncidentIndex ix = index;
        if (ix != null) {
            try {
                ix.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Closing the incident index failed; it is rebuilt at next start if needed", e);
            }
        }
        Embedder em = embedder;
        if (em != null) {
            em.close();
        }
    }
}
