package io.homepot.appliance.ai.narrate;

import java.util.List;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.llm.prompt.AnalysisMode;

/**
 * One thing to narrate.
 *
 * @param kind            what the text is for (query answer, device analysis, prediction, site insights, report)
 * @param mode            analysis mode (audience, vocabulary, structure)
 * @param facts           the computed facts
 * @param focus           the devices the text is about, most relevant first (subset of {@code facts.devices()})
 * @param lead            the appliance's one-sentence answer, computed from the facts (first line of the
 *                        deterministic narrative)
 * @param recommendations computed recommendations
 * @param question        the user's question ({@code QUERY}); for other kinds the narrator writes its own task
 * @param model           requested model or alias; {@code null} = default
 */
public record NarrationTask(Kind kind, AnalysisMode mode, Facts facts, List<DeviceFacts> focus, String lead,
                            List<String> recommendations, String question, String model) {
    public NarrationTask {
        focus = List.copyOf(focus);
        recommendations = List.copyOf(recommendations);
    }

    /** What the narrative is for. */
    public enum Kind { QUERY, ANALYZE, PREDICT, INSIGHTS, REPORT }
}
