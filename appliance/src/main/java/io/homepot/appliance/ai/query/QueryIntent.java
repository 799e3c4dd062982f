package io.homepot.appliance.ai.query;

import java.util.List;
import java.util.Set;

import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;

/**
 * What a question refers to, found without the LLM by {@link QueryParser}.
 *
 * @param site          the site named (or the only/demo site)
 * @param devices       devices named explicitly (by name, alias or description), best match first
 * @param typeCodes     device types named ("sensors", "HVAC", "switches", "UPS", ...)
 * @param metrics       metric conditions ("ran hot" = temperature high)
 * @param range         observation window ("this week", "today", "last 24 hours"; default 24 h)
 * @param forecast      the question is about the future ("tomorrow", "likely to fail", "next 24 hours")
 * @param horizonHours  forecast horizon when {@code forecast}
 * @param matched       human-readable notes on what was recognised (for the response's {@code understood} block)
 */
public record QueryIntent(Site site, List<Device> devices, Set<String> typeCodes, List<MetricCondition> metrics,
                          TimeRange range, boolean forecast, int horizonHours, List<String> matched) {
    public QueryIntent {
        devices = List.copyOf(devices);
        typeCodes = Set.copyOf(typeCodes);
        metrics = List.copyOf(metrics);
        matched = List.copyOf(matched);
    }

    /**
     * A metric the question is about and the direction it cares about.
     *
     * @param metric    concrete metric name reported by the devices (e.g. {@code temperature})
     * @param direction {@code high}, {@code low} or {@code any}
     */
    public record MetricCondition(String metric, String direction) {
    }
}
