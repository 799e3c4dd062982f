package io.homepot.appliance.scoring;

/**
 * Receives what the scoring engine finds. Subscribe with {@link ScoringBus#subscribe(ScoringListener)}; every method
 * has an empty default, so implement only what you need (e.g. the vector index only {@link #onIncident}).
 *
 * <p>Calls come from the engine's single worker thread, in data-time order, after the rows are committed. Keep them
 * short: hand heavy work (embedding, network) to your own bounded queue. An exception thrown by a listener is
 * logged and does not stop the engine or other listeners.</p>
 *
 * <p>Notices with {@code replay == true} come from scoring stored history (demo back-fill, crash recovery, catch-up
 * after an overflow); live pushes such as the SSE hub usually skip them, indexers usually do not.</p>
 */
public interface ScoringListener {

    /** An alert opened: its {@code ai_anomaly_logs} row (and incident) exist. */
    default void onAnomaly(AnomalyNotice anomaly) {
    }

    /** An incident was created in {@code ai_incident_patterns} for an alert. */
    default void onIncident(IncidentNotice incident) {
    }

    /** A device's health status changed (or its score moved noticeably). */
    default void onHealthChange(HealthChange change) {
    }
}
