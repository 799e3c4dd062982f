package io.homepot.appliance.ai.narrate;

/**
 * A narrative and how it was produced.
 *
 * @param text           the prose
 * @param status         {@code ok} (the LLM wrote it) or why the deterministic narrator did: {@code unavailable},
 *                       {@code timeout}, {@code malformed}, {@code error}, {@code not_found}, {@code disabled}
 * @param degraded       true when written by the deterministic narrator
 * @param detail         reason when degraded, else {@code null}
 * @param modelUsed      the model that answered, or {@code deterministic}
 * @param modelRequested the model asked for (after alias resolution), or {@code null}
 * @param llmTimeMs      time spent on the LLM call (0 when not called)
 * @param promptChars    characters sent to the model (system + user), 0 when not called
 * @param promptTokens   approximate prompt tokens (chars / 4) or Ollama's count when known
 * @param verification   grounding check of the text
 */
public record Narration(String text, String status, boolean degraded, String detail, String modelUsed,
                        String modelRequested, long llmTimeMs, int promptChars, int promptTokens,
                        Verification verification) {

    public static final String DETERMINISTIC = "deterministic";
}
