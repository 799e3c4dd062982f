package io.homepot.appliance.llm.prompt;

import io.homepot.appliance.llm.LlmRequest;

/**
 * A built prompt. {@code system} and the start of {@code user} (the facts block) are byte-stable
 * for identical inputs; the question comes last so Ollama can reuse its cached prefix.
 *
 * @param mode   analysis mode
 * @param system system prompt ({@link AnalysisMode#systemPrompt()})
 * @param user   facts block followed by the question
 * @param facts  the facts block alone (for logging prompt sizes and for {@link AnswerVerifier})
 */
public record Prompt(AnalysisMode mode, String system, String user, String facts) {

    /** A request with the default model and timeout. */
    public LlmRequest toRequest() {
        return LlmRequest.of(system, user);
    }

    /** Rough token estimate (4 characters per token) of system + user. */
    public int estimatedTokens() {
        return (system.length() + user.length() + 3) / 4;
    }
}
