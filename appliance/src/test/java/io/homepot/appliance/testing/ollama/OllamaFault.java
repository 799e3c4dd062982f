package io.homepot.appliance.testing.ollama;

/** Faults the {@link OllamaDouble} can inject into {@code /api/chat} and {@code /api/generate}. */
public enum OllamaFault {
    /** HTTP 500 with {@code {"error": "..."}} (runner crashed). */
    HTTP_500,
    /** HTTP 503 with {@code {"error": "server busy ..."}} (Ollama's own queue full). */
    HTTP_503,
    /** HTTP 200 whose body is cut off in the middle of a JSON object. */
    MALFORMED_JSON,
    /** Valid chunks, then end of stream without a {@code done: true} chunk. */
    TRUNCATED_STREAM,
    /** A few chunks, then an {@code {"error": "..."}} line with status 200 (non-stream requests get a 500). */
    ERROR_MID_STREAM,
    /** Never sends response headers (until {@link OllamaDouble#hangFor} passes or the double closes). */
    HANG,
    /** Sends headers and the first chunk, then stalls. */
    STALL_MID_STREAM,
    /** Closes the TCP connection without any response. */
    CLOSE_CONNECTION
}
