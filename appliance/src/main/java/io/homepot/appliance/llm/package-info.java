/**
 * Local LLM client: {@link io.homepot.appliance.llm.LlmService} talks to Ollama over HTTP through
 * ollama4j 1.1.0; prompt building and answer verification live in {@code llm.prompt}.
 *
 * <h2>What ollama4j 1.1.0 covers and what is worked around here</h2>
 * <ul>
 *   <li><b>Used:</b> {@code POST /api/chat} (system + user messages, {@code keep_alive},
 *   {@code format: "json"}, options temperature/seed/num_predict, token streaming through
 *   {@code OllamaTokenHandler}), {@code GET /api/tags}, {@code GET /api/version}.</li>
 *   <li><b>Always streams:</b> {@code OllamaAPI.chat(request)} wraps a stream observer and sets
 *   {@code stream: true}; a non-streaming call is reassembled from chunks. Harmless on the wire.</li>
 *   <li><b>Timeout:</b> one mutable per-instance value in whole seconds that only bounds the wait for
 *   response headers; the body is read with a blocking stream. The service runs each attempt on a
 *   worker thread with a millisecond deadline and interrupts it (also covers a stall mid-stream), and
 *   keeps one {@code OllamaAPI} per header-timeout value instead of mutating a shared one.</li>
 *   <li><b>HTTP status is hidden:</b> 404/400/500 become {@code OllamaBaseException(error text)},
 *   503/429 an empty message or a {@code NullPointerException} inside the library, an error line in
 *   a stream a {@code NullPointerException}. "Model not found" is therefore decided by asking
 *   {@code /api/tags} whether the model is installed (not by matching message text), and any other
 *   server error is retried as a 5xx.</li>
 *   <li><b>{@code /api/ps}:</b> {@code OllamaAPI.ps()} fails on current Ollama because its
 *   {@code ModelProcess} rejects the {@code context_length} field; the probe reads {@code /api/ps}
 *   with the JDK HTTP client and JSON-P.</li>
 *   <li><b>Verbose by default:</b> {@code OllamaAPI} logs every prompt and answer at INFO unless
 *   {@code setVerbose(false)} is called (done here; it still logs one line per instance creation and
 *   a SEVERE line per non-200 status through SLF4J).</li>
 *   <li><b>New {@code HttpClient} per call:</b> no connection reuse; measured overhead is small
 *   next to generation time (see {@code RoundTripOverheadTest}).</li>
 *   <li><b>Not reachable:</b> {@code /api/generate} with {@code system}/{@code keep_alive} (the
 *   generate builder lacks them) - chat is used instead; {@code format} as a JSON schema object
 *   (only {@code "json"}); {@code think} is always sent as {@code false}.</li>
 * </ul>
 */
package io.homepot.appliance.llm;
