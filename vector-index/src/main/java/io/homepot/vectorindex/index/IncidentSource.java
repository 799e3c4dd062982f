package io.homepot.vectorindex.index;

import io.homepot.vectorindex.model.IncidentRecord;

/**
 * The source of truth the index reconciles against on open (the appliance's incident table).
 * {@link #count()} and {@link #maxId()} are a cheap consistency probe; {@link #all()} is only
 * iterated when they disagree with the index or the index had to be rebuilt.
 */
public interface IncidentSource {

    /** Number of incidents that should be indexed. */
    long count();

    /** Highest incident id, or {@code 0} when there are none. */
    long maxId();

    /** Every incident that should be indexed (may stream from the database). */
    Iterable<IncidentRecord> all();
}
