package io.homepot.appliance.incidents;

import java.time.Instant;

import io.homepot.vectorindex.model.IncidentRecord;

/**
 * One {@code ai_incident_patterns} row joined with its device (name, site, type code): what the incident API
 * returns and what the vector index stores.
 *
 * @param deviceId   null when the incident has no device
 * @param siteId     null when the incident has no device
 * @param resolution what fixed it; null while unresolved
 */
public record IncidentRow(long id, Long deviceId, String deviceName, Long siteId, String deviceType,
                          String description, String category, String severity, String resolution,
                          Instant createdAt, Instant resolvedAt) {

    /** The index's view of this incident (ids as decimal strings; the description is the embedded text). */
    public IncidentRecord toRecord() {
        return new IncidentRecord(id, deviceId == null ? null : deviceId.toString(),
                siteId == null ? null : siteId.toString(), deviceType, category, severity, resolution,
                createdAt == null ? 0L : createdAt.toEpochMilli(), description);
    }
}
