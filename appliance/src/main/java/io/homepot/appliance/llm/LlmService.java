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
 *   {@link LlmConfig#unreachableCooldown()}.</li>
 * </ul>
 * Thread-safe; create one per appliance and {@link #close()} it on shutdown.
 */
public final class LlmService implements AutoCloseable {

    private final LlmConfig config;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
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
        this.probe = new OllamaStatusProbe(config.url(), config.statusTimeout(), executor);
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
        LlmStatus s = cachedStatus;
        if (s != null && System.nanoTime() - cachedAtNanos < config.statusCacheTtl().toNanos()) {
            return s;
        }
        synchronized (statusLock) {
            s = cachedStatus;
            if (s != null && System.nanoTime() - cachedAtNanos < config.statusCacheTtl().toNanos()) {
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
        if (gate.failFast()) {
            return finish(LlmResult.failure(LlmResult.Status.UNAVAILABLE, model, elapsedMs(start), 0, 0,
                    "Ollama at " + config.url() + " unreachable " + gate.msSinceFailure()
                            + " ms ago; failing fast for " + config.unreachableCooldown().toSeconds() + " s"));
        }
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
    }
}
