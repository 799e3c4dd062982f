package io.homepot.appliance.store;

import java.time.Instant;

/** A row of {@code ai_incident_patterns} (the seed's table without the vector column). */
public record Incident(Long id, Long deviceId, String patternDescription, String category, String severity,
                       String resolution, Instant createdAt, Instant resolvedAt) {
}
