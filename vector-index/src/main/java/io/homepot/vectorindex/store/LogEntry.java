package io.homepot.vectorindex.store;

import io.homepot.vectorindex.model.IncidentRecord;

/** One change recorded in the {@link ChangeLog}. */
public sealed interface LogEntry {

    /** Insert or replace the incident with this id, with its embedding. */
    record Upsert(IncidentRecord record, float[] vector) implements LogEntry {
    }

    /** Remove the incident with this id (no-op if absent). */
    record Delete(long id) implements LogEntry {
    }
}
