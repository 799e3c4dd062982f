package io.homepot.vectorindex.index;

import io.homepot.vectorindex.model.IncidentRecord;

/**
 * A search hit.
 *
 * @param incident   the stored incident
 * @param similarity {@code (1 + cosine) / 2}, in [0, 1]; 1 = same direction, 0.5 = orthogonal
 */
public record SimilarIncident(IncidentRecord incident, float similarity) {
}
