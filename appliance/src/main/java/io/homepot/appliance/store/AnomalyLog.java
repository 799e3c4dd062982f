package io.homepot.appliance.store;

import java.time.Instant;

/** A row of {@code ai_anomaly_logs}; {@code metrics} and {@code details} are JSON text. */
public record AnomalyLog(Long id, long deviceId, double healthScore, String status, String metrics, String metric,
                         Double score, String severity, String category, String details, Instant createdAt) {
}
