package io.homepot.appliance.incidents;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.homepot.appliance.ai.facts.SimilarIncident;
import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.vectorindex.index.SearchFilter;
import io.homepot.vectorindex.model.IncidentRecord;

/**
 * {@link SimilarIncidents} for the AI fact sheets, backed by the vector index: semantic similarity of the query text
 * to incident descriptions, restricted to the site when given. Among the top matches, incidents of the same device,
 * of the asked category and with a resolution are preferred (a small bonus to the ranking only; the reported
 * {@code similarityScore} stays the index's similarity). Falls back to {@code fallback} (the store-backed search)
 * while the index is not ready or when there is no text to compare.
 */
public final class IndexSimilarIncidents implements SimilarIncidents {
    private final IncidentMemory memory;
    private final SimilarIncidents fallback;

    public IndexSimilarIncidents(IncidentMemory memory, SimilarIncidents fallback) {
        this.memory = memory;
        this.fallback = fallback;
    }

    @Override
    public List<SimilarIncident> find(Query q) {
        if (q.k() <= 0) {
            return List.of();
        }
        if (q.text() == null || q.text().isBlank()) {
            return fallback.find(q);
        }
        SearchFilter filter = SearchFilter.NONE.site(q.siteId() == null ? null : q.siteId().toString());
        Optional<List<IncidentMemory.Hit>> hits = memory.similarToText(q.text(), Math.min(3 * q.k(), 100), q.k(), filter,
                r -> bonus(q, r));
        if (hits.isEmpty()) {
            return fallback.find(q);
        }
        return hits.get().stream().map(IndexSimilarIncidents::toFact).toList();
    }

    /** Ranking bonus on the index's copy of the incident (its device id is the database id as text). */
    private static double bonus(Query q, IncidentRecord r) {
        double b = 0;
        if (q.deviceId() != null && q.deviceId().toString().equals(r.deviceId())) {
            b += 0.02;
        }
        if (q.category() != null && q.category().equalsIgnoreCase(r.category())) {
            b += 0.02;
        }
        if (r.resolution() != null && !r.resolution().isBlank()) {
            b += 0.01;
        }
        return b;
    }

    static SimilarIncident toFact(IncidentMemory.Hit h) {
        IncidentRow r = h.incident();
        return new SimilarIncident(r.id(), r.deviceId(), r.deviceName(),
                r.createdAt() == null ? null : r.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                r.description(), r.category(), r.severity(), r.resolution(), h.similarity());
    }
}
