package io.homepot.appliance.incidents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.model.IncidentRecord;

/**
 * Makes the index agree with {@code ai_incident_patterns}: streams the table, collects the ids whose index entry is
 * missing or differs (text, resolution, category...) and the indexed ids the table no longer has, then hands them in
 * batches to {@link IndexSync}, which re-reads each row so a concurrent change is never overwritten by stale data.
 */
final class IndexReconciler {

    /** What a pass found and did. */
    record Result(long rows, int changed, int removed, long millis) {
    }

    private final IncidentRows rows;
    private final IndexSync sync;
    private final int batch;

    IndexReconciler(IncidentRows rows, IndexSync sync, int batch) {
        this.rows = rows;
        this.sync = sync;
        this.batch = batch;
    }

    /**
     * One full pass.
     *
     * @param onPlanned called once with the number of ids to synchronise
     * @param onDone    called after every batch with the number of ids synchronised so far
     * @param keepGoing checked between batches; a stopped pass is finished by the next start's reconciliation
     */
    Result run(IncidentIndex index, LongConsumer onPlanned, LongConsumer onDone, BooleanSupplier keepGoing)
            throws IOException {
        long t0 = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        List<Long> todo = new ArrayList<>();
        long n = 0;
        for (IncidentRow r : rows.all()) {
            n++;
            seen.add(r.id());
            IncidentRecord want = r.toRecord();
            if (!index.get(r.id()).map(want::equals).orElse(false)) {
                todo.add(r.id());
            }
        }
        int changed = todo.size();
        int removed = 0;
        for (long id : index.ids()) {
            if (!seen.contains(id)) {
                todo.add(id);
                removed++;
            }
        }
        onPlanned.accept(todo.size());
        for (int from = 0; from < todo.size() && keepGoing.getAsBoolean(); from += batch) {
            sync.sync(todo.subList(from, Math.min(todo.size(), from + batch)));
            onDone.accept(Math.min(todo.size(), from + batch));
        }
        return new Result(n, changed, removed, (System.nanoTime() - t0) / 1_000_000);
    }
}
