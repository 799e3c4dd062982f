package io.homepot.appliance.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.homepot.appliance.scoring.IncidentNotice;
import io.homepot.appliance.scoring.ScoringListener;
import io.homepot.appliance.store.Incident;

/**
 * Hands incident changes to the index worker of {@link IncidentMemory} through a bounded queue, so that the ingest
 * and scoring threads never embed anything themselves.
 *
 * <p>Every entry point only enqueues the incident id ("make the index agree with the database for this id"); the
 * worker re-reads the row, so creates, resolutions and deletes are all the same operation and the newest database
 * state always wins. When the queue is full the id is dropped and a full reconciliation with
 * {@code ai_incident_patterns} is requested instead: the database is the source of truth, so an overflow only delays
 * indexing, it never loses an incident.</p>
 *
 * <p>Subscribe it to the scoring bus ({@link ScoringListener#onIncident}); other writers of
 * {@code ai_incident_patterns} call {@link #onIncidentCreated}, {@link #onIncidentUpdated} or
 * {@link #onIncidentDeleted} after their commit. All methods are thread-safe and never block.</p>
 */
public final class IncidentIndexer implements ScoringListener {
    private final BlockingQueue<Long> queue;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    IncidentIndexer(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Scoring path: an alert created an incident. */
    @Override
    public void onIncident(IncidentNotice notice) {
        onIncidentCreated(notice.incident());
    }

    /** An incident row was committed. */
    public void onIncidentCreated(Incident incident) {
        if (incident != null && incident.id() != null) {
            offer(incident.id());
        }
    }

    /** An incident row changed (resolution, description, category...). */
    public void onIncidentUpdated(long incidentId) {
        offer(incidentId);
    }

    /** An incident row was deleted. */
    public void onIncidentDeleted(long incidentId) {
        offer(incidentId);
    }

    /** Asks the worker for a full comparison with the incident table as soon as possible. */
    public void requestReconcile() {
        overflowed.set(true);
    }

    private void offer(long id) {
        if (queue.offer(id)) {
            enqueued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
            overflowed.set(true);
        }
    }

    /** Waits up to {@code waitMs} for the first id, then takes up to {@code max} ids without waiting. */
    List<Long> take(int max, long waitMs) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        Long first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            out.add(first);
            queue.drainTo(out, max - 1);
        }
        return out;
    }

    /** True once after an overflow or {@link #requestReconcile()}. */
    boolean consumeReconcileRequest() {
        return overflowed.getAndSet(false);
    }

    /** Ids waiting. */
    public int queued() {
        return queue.size();
    }

    /** Ids accepted since start. */
    public long enqueued() {
        return enqueued.get();
    }

    /** Ids dropped because the queue was full (each triggers a reconciliation). */
    public long dropped() {
        return dropped.get();
    }
}
