package io.homepot.appliance.ai;

import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.StatsDao;
import io.homepot.appliance.ai.insights.InsightStore;
import io.homepot.appliance.ai.narrate.Narrator;
import io.homepot.appliance.ai.narrate.Recommender;
import io.homepot.appliance.ai.query.QueryParser;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.store.Stores;

/**
 * What the AI endpoints share, built once by {@link AiModule}.
 *
 * @param llm the LLM client, or {@code null} when the appliance runs without one (always degraded)
 */
public record AiContext(AiConfig config, Stores stores, StatsDao stats, FactSheetBuilder facts, QueryParser parser,
                        Narrator narrator, Recommender recommender, AnswerCache cache, ModePreferences modes,
                        InsightStore insights, LlmService llm) {

    /** The model a request will use, after alias resolution ({@code null} without an LLM client). */
    public String resolveModel(String requested) {
        return llm == null ? null : llm.config().resolveModel(requested);
    }
}
