package io.homepot.appliance.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Micrometer meters of the LLM client. Names use Micrometer's dotted convention; the Prometheus
 * registry exports them as {@code homepot_llm_queue_length}, {@code homepot_llm_requests_seconds},
 * {@code homepot_llm_errors_total}, {@code homepot_llm_retries_total}, {@code homepot_llm_rejected_total},
 * {@code homepot_llm_in_flight}. The {@code model} tag is the model name for configured models and
 * {@code other} for ad-hoc overrides, so tag cardinality stays bounded.
 */
final class LlmMetrics {

    static final String QUEUE_LENGTH = "homepot.llm.queue.length";
    static final String IN_FLIGHT = "homepot.llm.in_flight";
    static final String REQUESTS = "homepot.llm.requests";
    static final String ERRORS = "homepot.llm.errors";
    static final String RETRIES = "homepot.llm.retries";
    static final String REJECTED = "homepot.llm.rejected";

    private final MeterRegistry registry;
    private final LlmConfig config;

    LlmMetrics(MeterRegistry registry, LlmConfig config, ModelLanes lanes) {
        this.registry = registry;
        this.config = config;
        Gauge.builder(QUEUE_LENGTH, lanes, ModelLanes::queueLength)
                .description("LLM requests waiting for their model's generation slot").register(registry);
        Gauge.builder(IN_FLIGHT, lanes, ModelLanes::inFlight)
                .description("LLM requests waiting or generating").register(registry);
    }

    void recordRequest(String model, LlmResult.Status status, long elapsedMs) {
        String m = tag(model);
        Timer.builder(REQUESTS).description("LLM generations by outcome").tag("model", m)
                .tag("status", status.wireName()).register(registry).record(Duration.ofMillis(elapsedMs));
        if (status != LlmResult.Status.OK) {
            Counter.builder(ERRORS).description("LLM generations that did not return text").tag("model", m)
                    .tag("status", status.wireName()).register(registry).increment();
        }
    }

    void recordRetry(String model) {
        Counter.builder(RETRIES).tag("model", tag(model)).register(registry).increment();
    }

    void recordRejected(String model) {
        Counter.builder(REJECTED).description("LLM requests rejected because the queue was full")
                .tag("model", tag(model)).register(registry).increment();
    }

    private String tag(String model) {
        return config.isConfiguredModel(model) ? model : "other";
    }
}
