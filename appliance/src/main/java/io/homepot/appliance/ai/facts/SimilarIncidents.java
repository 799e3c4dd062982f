package io.homepot.appliance.ai.facts;

import java.util.List;

/**
 * Finds past incidents similar to a text or device. The store-backed
 * {@link StoreSimilarIncidents} is the fallback; the vector index (JVector over MiniLM embeddings)
 * replaces it when wired.
 */
public interface SimilarIncidents {

    /**
     * Query for similar incidents.
     *
     * @param text         free text (question, anomaly description); may be {@code null}
     * @param deviceId     prefer incidents of this device; may be {@code null}
     * @param deviceTypeId prefer incidents of devices of this type; may be {@code null}
     * @param category     prefer this category ({@code temperature}, {@code power}, ...); may be {@code null}
     * @param siteId       restrict to this site; may be {@code null}
     * @param k            at most this many results
     */
    record Query(String text, Long deviceId, Long deviceTypeId, String category, Long siteId, int k) {
    }

    /** Best matches first; resolved incidents (with a resolution) are preferred. Never throws for "no match". */
    List<SimilarIncident> find(Query q);
}
