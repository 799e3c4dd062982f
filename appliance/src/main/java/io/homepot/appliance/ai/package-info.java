/**
 * The AI service: {@code /api/ai/*} (query, stream, analyze, predict, insights, insight actions, mode) and the
 * Ollama fields of {@code /api/ai/status}. Contract: {@code docs/api-ai.md}.
 *
 * <h2>Pipeline</h2>
 * {@link io.homepot.appliance.ai.query.QueryParser} (question → site, devices, types, metrics, time range; no LLM)
 * → {@link io.homepot.appliance.ai.facts.FactSheetBuilder} (computed {@link io.homepot.appliance.ai.facts.Facts}:
 * health and factors, metric statistics in SQL, anomalies, forecasts, uptime, similar incidents)
 * → the endpoint's own selection, one-sentence answer and {@link io.homepot.appliance.ai.narrate.Recommender}
 * recommendations → a {@link io.homepot.appliance.ai.narrate.Narrator}: {@link io.homepot.appliance.ai.narrate.LlmNarrator}
 * (Ollama narrates the quoted fact sheet; answer checked by {@link io.homepot.appliance.ai.narrate.GroundingVerifier})
 * falling back to {@link io.homepot.appliance.ai.narrate.DeterministicNarrator} when the model is absent, slow or broken.
 *
 * <h2>Reuse (reports, scheduler)</h2>
 * Take the {@link io.homepot.appliance.ai.AiContext} of the installed {@link io.homepot.appliance.ai.AiModule}:
 * {@code ctx.facts().build(new FactSheetBuilder.Scope(site, devices, range, forecasts, 24, null, 3))} gives the
 * facts of any scope and window; {@code ctx.narrator().narrate(new NarrationTask(Kind.REPORT, mode, facts, focus,
 * lead, recommendations, null, model))} the prose with its {@code llm} status; {@code ctx.recommender()} the
 * recommendations. Replaceable parts (scoring health, forecaster, similar incidents) are set on the builder.
 */
package io.homepot.appliance.ai;
