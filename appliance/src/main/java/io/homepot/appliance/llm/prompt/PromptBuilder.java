package io.homepot.appliance.llm.prompt;

import java.util.Objects;

/** Assembles system prompt, facts block and question into a {@link Prompt}. */
public final class PromptBuilder {

    /** Longest question kept. */
    public static final int MAX_QUESTION = 1000;

    private final FactSheetRenderer renderer;

    public PromptBuilder(FactSheetRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    public PromptBuilder() {
        this(new FactSheetRenderer());
    }

    /**
     * Builds the prompt: system = the mode's system prompt; user = facts block, a blank line, then
     * {@code Question: ...} (control characters removed, cut at {@link #MAX_QUESTION}).
     */
    public Prompt build(AnalysisMode mode, FactSheet facts, String question) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(facts, "facts");
        String block = renderer.render(facts);
        String q = question == null ? "" : question.replaceAll("[\\p{Cntrl}&&[^\n]]", " ").strip();
        if (q.length() > MAX_QUESTION) {
            q = q.substring(0, MAX_QUESTION);
        }
        if (q.isEmpty()) {
            q = "Summarise the facts.";
        }
        String user = block + "\nQuestion: " + q + "\n";
        return new Prompt(mode, mode.systemPrompt(), user, block);
    }
}
