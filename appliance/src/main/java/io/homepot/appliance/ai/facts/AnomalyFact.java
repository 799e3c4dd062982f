package io.homepot.appliance.ai.facts;

import java.time.Instant;

/**
 * A detected anomaly ({@code ai_anomaly_logs}) or a warning/critical device event, as a fact.
 *
 * @param id       row id ({@code null} for events)
 * @param metric   metric, or {@code event.<kind>} for device events
 * @param value    observed value, or {@code null}
 * @param expected value the detector expected, or {@code null}
 * @param score    anomaly score 0..1, or {@code null}
 * @param severity {@code info}, {@code warning}, {@code critical}
 * @param kind     detector's kind ({@code spike}, {@code drift}, ...), or {@code null}
 * @param message  free text from the data (untrusted; always rendered quoted)
 */
public record AnomalyFact(Long id, long deviceId, Instant at, String metric, Double value, Double expected, Double score,
                          String severity, String category, String kind, String message) {

    public boolean isEvent() {
        return metric != null && metric.startsWith("event.");
    }
}
