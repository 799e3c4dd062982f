package io.homepot.appliance.live;

import io.homepot.appliance.api.AnomalyApi;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.scoring.AnomalyNotice;
import io.homepot.appliance.scoring.HealthChange;
import io.homepot.appliance.scoring.ScoringListener;

/**
 * Pushes live scoring results to the {@link SseHub}: {@code anomaly} (the anomaly item plus device name) and
 * {@code health} ({@code device_id, health_score, status, previous_status}). Replayed history is not pushed.
 * Subscribe with {@code bus.subscribe(new LiveFeed(hub))}.
 */
public final class LiveFeed implements ScoringListener {
    private final SseHub hub;

    public LiveFeed(SseHub hub) {
        this.hub = hub;
    }

    @Override
    public void onAnomaly(AnomalyNotice n) {
        if (!n.replay()) {
            hub.publish("anomaly", AnomalyApi.item(n).toString());
        }
    }

    @Override
    public void onHealthChange(HealthChange c) {
        if (!c.replay() && !c.status().equals(c.previousStatus())) {
            hub.publish("health", Json.obj().put("device_id", c.deviceId()).put("site_id", c.siteId())
                    .put("health_score", c.healthScore()).put("status", c.status())
                    .put("previous_status", c.previousStatus()).put("ts", c.ts()).build().toString());
        }
    }
}
