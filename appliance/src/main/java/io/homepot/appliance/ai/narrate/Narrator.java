package io.homepot.appliance.ai.narrate;

import java.util.function.Consumer;

import io.homepot.appliance.llm.LlmBusyException;

/**
 * Turns computed facts into prose. Implementations never invent numbers: {@link DeterministicNarrator}
 * writes from the facts directly; {@link LlmNarrator} asks the local model to narrate the fact sheet and
 * falls back to the deterministic narrator when the model is unavailable, slow or broken.
 */
public interface Narrator {

    /** Writes the narrative; never throws for LLM failures (they are reported in the result). */
    Narration narrate(NarrationTask task) throws LlmBusyException;

    /** Same, delivering the text in pieces to {@code tokens} as it is produced. */
    default Narration narrate(NarrationTask task, Consumer<String> tokens) throws LlmBusyException {
        Narration n = narrate(task);
        for (String piece : n.text().split("(?<= )")) {
            tokens.accept(piece);
        }
        return n;
    }
}
