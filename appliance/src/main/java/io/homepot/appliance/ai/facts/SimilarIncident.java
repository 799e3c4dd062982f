package io.homepot.appliance.ai.facts;

/**
 * A past incident similar to the one at hand (shape of {@code /api/ai/incidents/similar} results).
 *
 * @param date            ISO date of the incident
 * @param similarityScore 0..1
 */
public record SimilarIncident(Long incidentId, Long deviceId, String deviceName, String date, String description,
                              String category, String severity, String resolution, double similarityScore) {
}
