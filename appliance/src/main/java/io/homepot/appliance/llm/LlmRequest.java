package io.homepot.appliance.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * One generation request: a system prompt (keep it byte-stable so Ollama's prompt cache is reused)
 * and a user message, with optional per-request overrides.
 *
 * @param system      system prompt, may be empty
 * @param prompt      user message (fact block + question), must not be blank
 * @param model       model name or alias ({@code fast}/{@code balanced}/{@code accurate}); {@code null} = default
 * @param jsonFormat  ask Ollama for {@code format: "json"} (the prompt must also ask for JSON)
 * @param timeout     per-attempt limit overriding {@link LlmConfig#timeout()}; {@code null} = config
 * @param temperature sampling temperature; {@code null} = model default
 * @param seed        sampling seed for reproducible output; {@code null} = none
 * @param maxTokens   {@code num_predict}; {@code null} = model default
 */
public record LlmRequest(String system, String prompt, String model, boolean jsonFormat, Duration timeout,
                         Double temperature, Integer seed, Integer maxTokens) {

    public LlmRequest {
        system = system == null ? "" : system;
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
    }

    /** A request with the default model, timeout and sampling. */
    public static LlmRequest of(String system, String prompt) {
        return new LlmRequest(system, prompt, null, false, null, null, null, null);
    }

    public LlmRequest withModel(String m) {
        return new LlmRequest(system, prompt, m, jsonFormat, timeout, temperature, seed, maxTokens);
    }

    public LlmRequest withJsonFormat(boolean json) {
        return new LlmRequest(system, prompt, model, json, timeout, temperature, seed, maxTokens);
    }

    public LlmRequest withTimeout(Duration t) {
        return new LlmRequest(system, prompt, model, jsonFormat, t, temperature, seed, maxTokens);
    }

    public LlmRequest withSampling(Double temp, Integer s, Integer max) {
        return new LlmRequest(system, prompt, model, jsonFormat, timeout, temp, s, max);
    }
}
