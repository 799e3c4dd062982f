package io.homepot.appliance.incidents;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.model.IncidentRecord;

/**
 * The one write path into the index: for a set of incident ids, re-reads their rows and upserts or deletes so the
 * index equals the database for those ids. Calls are serialised, and each reads the rows inside the lock, so the
 * last committed database state always ends up in the index whatever the interleaving of the worker, the
 * reconciler and the resolution endpoint. Only changed texts are embedded; metadata-only changes (a resolution)
 * reuse the stored vector.
 */
final class IndexSync {
    private final IncidentRows rows;
    private final IncidentIndex index;
    private final Object lock = new Object();
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong embedNanos = new AtomicLong();

    IndexSync(IncidentRows rows, IncidentIndex index) {
        this.rows = rows;
        this.index = index;
    }

    /** Synchronises these ids; returns how many index entries changed. */
    int sync(List<Long> ids) throws IOException {
        Set<Long> unique = new LinkedHashSet<>(ids);
        synchronized (lock) {
            Map<Long, IncidentRow> current = rows.byIds(unique);
            List<IncidentRecord> toEmbed = new ArrayList<>();
            List<IncidentRecord> keep = new ArrayList<>();
            List<float[]> keepVectors = new ArrayList<>();
            int changed = 0;
            for (long id : unique) {
                IncidentRow row = current.get(id);
                if (row == null) {
                    changed += index.delete(id) ? 1 : 0;
                    continue;
                }
                IncidentRecord want = row.toRecord();
                IncidentRecord have = index.get(id).orElse(null);
                if (want.equals(have)) {
                    continue;
                }
                float[] v = have != null && have.text().equals(want.text()) ? index.vector(id).orElse(null) : null;
                if (v != null) {
                    keep.add(want);
                    keepVectors.add(v);
                } else {
                    toEmbed.add(want);
                }
            }
            if (!toEmbed.isEmpty()) {
                long t0 = System.nanoTime();
                index.upsertAll(toEmbed);
                embedNanos.addAndGet(System.nanoTime() - t0);
                embedded.addAndGet(toEmbed.size());
            }
            if (!keep.isEmpty()) {
                index.upsertAllWithVectors(keep, keepVectors);
            }
            return changed + toEmbed.size() + keep.size();
        }
    }

    /** Incidents embedded and indexed so far, and the time it took (embedding + durable index write). */
    long embedded() {
        return embedded.get();
    }

    long embedMillis() {
        return embedNanos.get() / 1_000_000;
    }
}
