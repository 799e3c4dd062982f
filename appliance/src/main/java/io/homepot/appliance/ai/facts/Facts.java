package io.homepot.appliance.ai.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Site;

/**
 * The computed facts behind one AI answer or report: the LLM narrates them, the deterministic narrator
 * writes from them, and every number in a response comes from here.
 *
 * @param site        the site in scope ({@code null} when the appliance has no site)
 * @param range       observation window
 * @param devices     devices in scope with their facts
 * @param incidents   similar past incidents
 * @param siteSummary health distribution of the whole site
 * @param siteDevices every device name of the site by id (what an answer may name)
 * @param generatedAt when the facts were computed
 */
public record Facts(Site site, TimeRange range, List<DeviceFacts> devices, List<SimilarIncident> incidents,
                    SiteSummary siteSummary, Map<Long, String> siteDevices, Instant generatedAt) {
    public Facts {
        devices = List.copyOf(devices);
        incidents = List.copyOf(incidents);
        siteDevices = Map.copyOf(siteDevices);
    }

    /**
     * Health distribution of a site.
     *
     * @param healthScore mean health score of devices that have one, or {@code null}
     */
    public record SiteSummary(int total, int healthy, int warning, int critical, int offline, int unknown,
                              Double healthScore) {
    }
}
