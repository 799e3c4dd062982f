package io.homepot.appliance.llm;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The appliance's only door to the local LLM (Ollama over HTTP, via ollama4j 1.1.0).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #generate} and {@link #generateStreaming} never throw for LLM failures; they return an
 *   {@link LlmResult} whose status says what happened. The only exception is {@link LlmBusyException}
 *   when the model's queue is full (map it to 503 + Retry-After).</li>
 *   <li>One generation per model at a time; up to {@link LlmConfig#queueCapacity()} wait.</li>
 *   <li>Connection errors and 5xx are retried {@link LlmConfig#maxRetries()} times with exponential
 *   backoff; a missing model (404), malformed output and timeouts are not. A streaming call is not
 *   retried once tokens reached the consumer.</li>
 *   <li>After a connection failure, calls fail fast ({@code unavailable}, ~0 ms) for
 *   {@link LlmConfig#unreachableCooldown()}; after that, until Ollama is reached again, one call at a time tries it
 *   while the others keep failing fast. A call that waited for its model's slot while Ollama was found unreachable
 *   fails fast too, and connection retries stop once it is.</li>
 * </ul>
 * Thread-safe; create one per appliance and {@link #close()} it on shutdown.
 */
public final class LlmService implements AutoCloseable {

    private final LlmConfig config;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Status probes run on platform threads: request handlers are CPU-bound virtual threads on as many carriers as
     * cores, and a probe queued behind them would miss its timeout under load and let the fail-fast gate lapse.
     */
    private final ExecutorService probeExecutor = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("homepot-llm-probe-", 0).factory());
    private final ModelLanes lanes;
    private final LlmMetrics metrics;
    private final ReachabilityGate gate;
    private final OllamaCaller caller;
    private final OllamaStatusProbe probe;
    private final Object statusLock = new Object();
    private volatile LlmStatus cachedStatus;
    private volatile long cachedAtNanos;

    public LlmService(LlmConfig config, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        this.lanes = new ModelLanes(config.queueCapacity());
        this.metrics = new LlmMetrics(registry, config, lanes);
        this.gate = new ReachabilityGate(config.unreachableCooldown());
        this.caller = new OllamaCaller(config.url(), executor);
        this.probe = new OllamaStatusProbe(config.url(), config.statusTimeout(), probeExecutor);
    }

    public LlmConfig config() {
        return config;
    }

    /** Generates a complete answer. */
    public LlmResult generate(LlmRequest request) throws LlmBusyException {
        return run(request, null);
    }

    /**
     * Generates with {@code stream: true}; {@code tokens} receives content tokens in order on a
     * worker thread, before this method returns the full result.
     */
    public LlmResult generateStreaming(LlmRequest request, Consumer<String> tokens) throws LlmBusyException {
        return run(request, Objects.requireNonNull(tokens, "tokens"));
    }

    /** Requests currently waiting for a generation slot (all models). */
    public int queueLength() {
        return lanes.queueLength();
    }

    /** True while calls fail fast because Ollama was recently unreachable. */
    public boolean failingFast() {
        return gate.failFast();
    }

    /**
     * Ollama's reachability, version, installed and loaded models. Probed with
     * {@link LlmConfig#statusTimeout()} and cached for {@link LlmConfig#statusCacheTtl()}.
     */
    public LlmStatus status() {
        return status(config.statusCacheTtl().toNanos());
    }

    /**
     * Probes Ollama now (the snapshot is at most 1 s old), for a background job that keeps {@link #failingFast()}
     * current: with the cached {@link #status()} a probe every 5 s would reach Ollama only every 10 s, as long as
     * the fail-fast cooldown, and let requests find an absent Ollama themselves in the gaps.
     */
    public LlmStatus probe() {
        return status(Duration.ofSeconds(1).toNanos());
    }

    private LlmStatus status(long maxAgeNanos) {
        LlmStatus s = cachedStatus;
        if (s != null && System.nanoTime() - cachedAtNanos < maxAgeNanos) {
            return s;
        }
        synchronized (statusLock) {
            s = cachedStatus;
            if (s != null && System.nanoTime() - cachedAtNanos < maxAgeNanos) {
                return s;
            }
            OllamaStatusProbe.Outcome outcome;
            try {
                outcome = probe.probe();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LlmStatus(false, config.url().toString(), null, java.util.List.of(), java.util.List.of(),
                        java.time.Instant.now(), "interrupted");
            }
            s = outcome.status();
            if (s.reachable()) {
                gate.markReachable();
            } else if (outcome.cannotConnect()) {
                gate.markUnreachable(); // a slow probe must not make generations fail fast
            }
            cachedStatus = s;
            cachedAtNanos = System.nanoTime();
            return s;
        }
    }

    private LlmResult run(LlmRequest request, Consumer<String> tokens) throws LlmBusyException {
        Objects.requireNonNull(request, "request");
        String model = config.resolveModel(request.model());
        long start = System.nanoTime();
        ReachabilityGate.Admission admission = gate.admit();
        if (admission == ReachabilityGate.Admission.FAIL_FAST) {
            return failFast(model, start);
        }
        try {
            return admitted(request, model, tokens, start);
        } finally {
            if (admission == ReachabilityGate.Admission.TRIAL) {
                gate.endTrial();
            }
        }
    }

    private LlmResult admitted(LlmRequest request, String model, Consumer<String> tokens, long start)
            throws LlmBusyException {
        Duration timeout = request.timeout() != null ? request.timeout() : config.timeout();
        ModelLanes.Slot slot;
        try {
            slot = lanes.enter(model, timeout);
        } catch (LlmBusyException e) {
            metrics.recordRejected(model);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(LlmResult.failure(LlmResult.Status.ERROR, model, elapsedMs(start), 0, 0, "interrupted"));
        }
        if (slot == null) {
            return finish(LlmResult.failure(LlmResult.Status.TIMEOUT, model, elapsedMs(start), elapsedMs(start), 0,
                    "waited " + timeout.toMillis() + " ms for the model's generation slot"));
        }
        try (slot) {
            if (gate.failFast()) { // found unreachable while this request waited for the slot
                return finish(LlmResult.failure(LlmResult.Status.UNAVAILABLE, model, elapsedMs(start), slot.waitedMs(),
                        0, "Ollama at " + config.url() + " unreachable " + gate.msSinceFailure() + " ms ago; failing fast"
                                + " for " + config.unreachableCooldown().toSeconds() + " s"));
            }
            return finish(attempts(request, model, timeout, tokens, start, slot.waitedMs()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(LlmResult.failure(LlmResult.Status.ERROR, model, elapsedMs(start), slot.waitedMs(), 0,
                    "interrupted"));
        }
    }

    private LlmResult attempts(LlmRequest request, String model, Duration timeout, Consumer<String> tokens,
                               long start, long waitedMs) throws InterruptedException {
        long backoff = config.retryBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            OllamaCaller.Attempt a = caller.chat(model, request, config.keepAlive(), timeout, tokens);
            LlmResult.Status status = switch (a.kind()) {
                case OK -> LlmResult.Status.OK;
                case CONNECTION -> LlmResult.Status.UNAVAILABLE;
                case TIMEOUT -> LlmResult.Status.TIMEOUT;
                case MALFORMED -> LlmResult.Status.MALFORMED;
                case SERVER_ERROR -> modelInstalled(model) ? LlmResult.Status.ERROR : LlmResult.Status.NOT_FOUND;
                case OTHER -> LlmResult.Status.ERROR;
            };
            if (status == LlmResult.Status.OK) {
                gate.markReachable();
                return new LlmResult(status, a.text(), model, elapsedMs(start), waitedMs, a.promptEvalCount(),
                        a.evalCount(), attempt, null);
            }
            String detail = status == LlmResult.Status.NOT_FOUND
                    ? "model '" + model + "' is not installed in Ollama (" + a.detail() + ")" : a.detail();
            boolean retryable = (status == LlmResult.Status.UNAVAILABLE
                    || (status == LlmResult.Status.ERROR && a.kind() == OllamaCaller.Kind.SERVER_ERROR))
                    && !a.tokensEmitted() && attempt <= config.maxRetries();
            if (!retryable) {
                if (status == LlmResult.Status.UNAVAILABLE) {
                    gate.markUnreachable();
                }
                return LlmResult.failure(status, model, elapsedMs(start), waitedMs, attempt,
                        attempt > 1 ? detail + " (after " + attempt + " attempts)" : detail);
            }
            metrics.recordRetry(model);
            Thread.sleep(backoff);
            backoff *= 2;
            if (status == LlmResult.Status.UNAVAILABLE && gate.failFast()) {
                // the status probe (or another lane) found Ollama unreachable meanwhile: stop retrying
                return LlmResult.failure(status, model, elapsedMs(start), waitedMs, attempt,
                        detail + " (Ollama found unreachable meanwhile; not retried)");
            }
        }
    }

    /** Whether the server lists the model; {@code true} when that cannot be determined (keeps retrying). */
    private boolean modelInstalled(String model) {
        try {
            Set<String> names = probe.installedModelNames();
            return names.contains(model) || (!model.contains(":") && names.contains(model + ":latest"));
        } catch (Exception e) {
            return true;
        }
    }

    /**
     * When a generation would fail fast right now (Ollama recently unreachable, or another request is trying it),
     * that result, recorded in the metrics like a request; empty when a generation would be attempted. Lets a
     * caller skip building a prompt that could not be sent.
     */
    public java.util.Optional<LlmResult> failFastResult(String requestedModel) {
        if (!gate.wouldFailFast()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(failFast(config.resolveModel(requestedModel), System.nanoTime()));
    }

    private LlmResult failFast(String model, long start) {
        return finish(LlmResult.failure(LlmResult.Status.UNAVAILABLE, model, elapsedMs(start), 0, 0,
                "Ollama at " + config.url() + " unreachable " + gate.msSinceFailure()
                        + " ms ago; failing fast for " + config.unreachableCooldown().toSeconds() + " s"));
    }

    private LlmResult finish(LlmResult r) {
        metrics.recordRequest(r.modelUsed(), r.status(), r.responseTimeMs());
        return r;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Stops worker threads; in-flight calls are interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
        probeExecutor.shutdownNow();
    }
}
