package io.homepot.appliance.scoring;

import java.time.Instant;

/**
 * An alert that was written to {@code ai_anomaly_logs}.
 *
 * @param anomalyId   row id in {@code ai_anomaly_logs}
 * @param expected    the value the detector expected (null during warm-up)
 * @param deviation   signed deviation from {@code expected} in robust standard deviations
 * @param kind        detector kind label: spike, level_shift, stuck, drift, dropout
 * @param healthScore the device's health when the alert opened
 * @param status      the device's status when the alert opened
 * @param incidentId  the incident created for it
 * @param replay      true when produced by scoring stored history rather than live ingest
 */
public record AnomalyNotice(long anomalyId, long deviceId, String deviceName, long siteId, String metric, Instant ts,
                            double value, Double expected, double deviation, double score, String severity,
                            String category, String kind, double healthScore, String status, Long incidentId,
                            boolean replay) {
}
