package io.homepot.appliance.ai;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the AI service (the {@code /api/ai/*} endpoints). Read once and passed down.
 *
 * <table>
 * <caption>Environment overrides (see {@link #fromEnv})</caption>
 * <tr><td>HOMEPOT_AI_LLM_TIMEOUT_MS</td><td>{@link #llmTimeout()}: longest wait for the model's answer before the
 * deterministic narrative is served (default: the LLM client's timeout, 30 s)</td></tr>
 * <tr><td>HOMEPOT_AI_CACHE_TTL_SECONDS</td><td>{@link #cacheTtl()} (default 300)</td></tr>
 * <tr><td>HOMEPOT_AI_CACHE_MAX</td><td>{@link #cacheMaxEntries()} (default 1000)</td></tr>
 * <tr><td>HOMEPOT_AI_COST_DOWNTIME_PER_HOUR</td><td>{@link #downtimeCostPerHour()}: operator's cost of one device-hour of
 * downtime; unset = no cost figures anywhere</td></tr>
 * <tr><td>HOMEPOT_AI_COST_MAINTENANCE_VISIT</td><td>{@link #maintenanceVisitCost()}: cost of one preventive visit</td></tr>
 * <tr><td>HOMEPOT_AI_COST_CURRENCY</td><td>{@link #currency()} (default {@code $})</td></tr>
 * </table>
 *
 * @param llmTimeout           per-request limit for the model; {@code null} = the LLM client's timeout
 * @param cacheTtl             how long an answer is reused for the same question, mode, model and data version
 * @param cacheMaxEntries      cache capacity (least recently used entries are dropped)
 * @param downtimeCostPerHour  configured unit cost, or {@code null}
 * @param maintenanceVisitCost configured unit cost, or {@code null}
 * @param currency             currency symbol or code printed before configured costs
 */
public record AiConfig(Duration llmTimeout, Duration cacheTtl, int cacheMaxEntries, Double downtimeCostPerHour,
                       Double maintenanceVisitCost, String currency) {

    public AiConfig {
        if (llmTimeout != null && (llmTimeout.isZero() || llmTimeout.isNegative())) {
            throw new IllegalArgumentException("HOMEPOT_AI_LLM_TIMEOUT_MS must be positive, got " + llmTimeout);
        }
        if (cacheTtl == null || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("HOMEPOT_AI_CACHE_TTL_SECONDS must be >= 0, got " + cacheTtl);
        }
        if (cacheMaxEntries < 0) {
            throw new IllegalArgumentException("HOMEPOT_AI_CACHE_MAX must be >= 0, got " + cacheMaxEntries);
        }
        if (downtimeCostPerHour != null && downtimeCostPerHour < 0 || maintenanceVisitCost != null && maintenanceVisitCost < 0) {
            throw new IllegalArgumentException("configured unit costs must be >= 0");
        }
        currency = currency == null || currency.isBlank() ? "$" : currency.strip();
    }

    /** Seed defaults: cache 300 s / 1000 entries, LLM client's timeout, no costs. */
    public static AiConfig defaults() {
        return new AiConfig(null, Duration.ofSeconds(300), 1000, null, null, "$");
    }

    /** True when the operator configured at least one unit cost. */
    public boolean costsConfigured() {
        return downtimeCostPerHour != null || maintenanceVisitCost != null;
    }

    public AiConfig withLlmTimeout(Duration d) {
        return new AiConfig(d, cacheTtl, cacheMaxEntries, downtimeCostPerHour, maintenanceVisitCost, currency);
    }

    public AiConfig withCosts(Double downtimePerHour, Double visit, String cur) {
        return new AiConfig(llmTimeout, cacheTtl, cacheMaxEntries, downtimePerHour, visit, cur);
    }

    public AiConfig withCache(Duration ttl, int max) {
        return new AiConfig(llmTimeout, ttl, max, downtimeCostPerHour, maintenanceVisitCost, currency);
    }

    /** Defaults overridden by the {@code HOMEPOT_AI_*} variables of {@code env}. */
    public static AiConfig fromEnv(Map<String, String> env) {
        AiConfig d = defaults();
        String t = env.get("HOMEPOT_AI_LLM_TIMEOUT_MS");
        String ttl = env.get("HOMEPOT_AI_CACHE_TTL_SECONDS");
        String max = env.get("HOMEPOT_AI_CACHE_MAX");
        try {
            return new AiConfig(
                    blank(t) ? d.llmTimeout() : Duration.ofMillis(Long.parseLong(t.strip())),
                    blank(ttl) ? d.cacheTtl() : Duration.ofSeconds(Long.parseLong(ttl.strip())),
                    blank(max) ? d.cacheMaxEntries() : Integer.parseInt(max.strip()),
                    dbl(env.get("HOMEPOT_AI_COST_DOWNTIME_PER_HOUR")),
                    dbl(env.get("HOMEPOT_AI_COST_MAINTENANCE_VISIT")),
                    env.get("HOMEPOT_AI_COST_CURRENCY"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HOMEPOT_AI_* settings must be numbers: " + e.getMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Double dbl(String s) {
        return blank(s) ? null : Double.parseDouble(s.strip());
    }
}
