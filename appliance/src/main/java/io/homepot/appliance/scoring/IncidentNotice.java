package io.homepot.appliance.scoring;

import io.homepot.appliance.store.Incident;

/**
 * An incident created from an alert.
 *
 * @param incident the stored {@code ai_incident_patterns} row (its description is built from facts only)
 * @param anomaly  the alert it came from
 */
public record IncidentNotice(Incident incident, AnomalyNotice anomaly) {
    public boolean replay() {
        return anomaly.replay();
    }
}
