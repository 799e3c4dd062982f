package io.homepot.appliance.llm;

/**
 * The model's request queue is full. The HTTP layer maps it to {@code 503} with
 * {@code Retry-After: retryAfterSeconds()}.
 */
public final class LlmBusyException extends Exception {

    private final String model;
    private final int queueLength;
    private final long retryAfterSeconds;

    public LlmBusyException(String model, int queueLength, long retryAfterSeconds) {
        super("LLM queue for model '" + model + "' is full (" + queueLength + " waiting); retry after "
                + retryAfterSeconds + " s");
        this.model = model;
        this.queueLength = queueLength;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String model() {
        return model;
    }

    public int queueLength() {
        return queueLength;
    }

    /** Estimated seconds until a slot frees up (>= 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
