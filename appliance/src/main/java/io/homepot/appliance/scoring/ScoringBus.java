package io.homepot.appliance.scoring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process fan-out of scoring notices to {@link ScoringListener}s (SSE hub, vector index, ...). Built once by the
 * appliance and passed to the engine and to subscribers; no static state.
 */
public final class ScoringBus {
    private static final Logger LOG = Logger.getLogger(ScoringBus.class.getName());
    private final List<ScoringListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable subscribe(ScoringListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void anomaly(AnomalyNotice n) {
        each(l -> l.onAnomaly(n));
    }

    void incident(IncidentNotice n) {
        each(l -> l.onIncident(n));
    }

    void health(HealthChange h) {
        each(l -> l.onHealthChange(h));
    }

    private void each(Consumer<ScoringListener> call) {
        for (ScoringListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Scoring listener " + l.getClass().getName() + " failed", e);
            }
        }
    }
}
