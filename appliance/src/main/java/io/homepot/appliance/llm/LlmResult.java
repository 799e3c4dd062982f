package io.homepot.appliance.llm;

/**
 * Outcome of one {@link LlmService} generation. Never thrown: failures are a {@link Status} plus a
 * detail, so callers can always fall back to a deterministic narrative.
 *
 * @param status           what happened
 * @param text             generated text ({@code ""} unless {@link Status#OK})
 * @param modelUsed        model actually asked (after alias resolution)
 * @param responseTimeMs   wall-clock time of the call, queue wait and retries included
 * @param queueWaitMs      part of {@code responseTimeMs} spent waiting for the model's lane
 * @param promptEvalCount  prompt tokens reported by Ollama, or -1
 * @param evalCount        generated tokens reported by Ollama, or -1
 * @param attempts         HTTP attempts made (0 when failed fast)
 * @param errorDetail      human-readable reason when not OK, else {@code null}
 */
public record LlmResult(Status status, String text, String modelUsed, long responseTimeMs, long queueWaitMs,
                        int promptEvalCount, int evalCount, int attempts, String errorDetail) {

    /** Outcome classes; {@link #wireName()} is the lowercase form for JSON ("ok", "unavailable", ...). */
    public enum Status {
        /** Text generated. */
        OK,
        /** Ollama not reachable (connection refused/reset, or failing fast after a recent failure). */
        UNAVAILABLE,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** The requested model is not installed (HTTP 404); never retried. */
        NOT_FOUND,
        /** Ollama answered with an error (HTTP 5xx, error line in the stream, ...). */
        ERROR,
        /** The response could not be parsed or ended before {@code done: true}. */
        MALFORMED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }

    static LlmResult failure(Status status, String model, long elapsedMs, long queueWaitMs, int attempts,
                             String detail) {
        return new LlmResult(status, "", model, elapsedMs, queueWaitMs, -1, -1, attempts, detail);
    }
}
