package io.homepot.vectorindex.index;

import io.homepot.vectorindex.embed.Embedder;
import io.homepot.vectorindex.model.IncidentRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an {@link IncidentIndex} equal to its {@link IncidentSource}: adds missing incidents
 * (embedding them in batches), re-embeds those whose text changed, updates changed metadata and
 * removes incidents the source no longer has. Logs what it did.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 256;

    private final IncidentIndex index;
    private final Embedder embedder;

    Reconciler(IncidentIndex index, Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    /** Counts of what was changed. */
    record Result(int added, int reembedded, int metadataUpdated, int removed) {
        int changed() {
            return added + reembedded + metadataUpdated + removed;
        }
    }

    /**
     * @param full skip the cheap count/max-id probe and compare every incident
     */
    Result reconcile(IncidentSource source, boolean full) throws IOException {
        long t0 = System.nanoTime();
        long count = source.count();
        long maxId = source.maxId();
        if (!full && count == index.size() && maxId == index.maxId()) {
            LOG.info("{}: consistent with source ({} incidents, max id {})", index.directory(), count, maxId);
            return new Result(0, 0, 0, 0);
        }
        LOG.info("{}: {} ({} indexed / max id {} vs source {} / {}), comparing every incident",
                index.directory(), full ? "rebuild" : "differs from source", index.size(), index.maxId(),
                count, maxId);
        int added = 0;
        int reembedded = 0;
        int meta = 0;
        Set<Long> seen = new HashSet<>();
        List<IncidentRecord> toEmbed = new ArrayList<>();
        List<IncidentRecord> metaRecords = new ArrayList<>();
        List<float[]> metaVectors = new ArrayList<>();
        for (IncidentRecord r : source.all()) {
            seen.add(r.id());
            IncidentRecord existing = index.get(r.id()).orElse(null);
            if (existing == null || !Objects.equals(existing.text(), r.text())) {
                if (existing == null) {
                    added++;
                } else {
                    reembedded++;
                }
                toEmbed.add(r);
                if (toEmbed.size() == BATCH) {
                    index.upsertAll(toEmbed);
                    toEmbed.clear();
                }
            } else if (!existing.equals(r)) {
                meta++;
                metaRecords.add(r);
                metaVectors.add(index.vector(r.id()).orElseThrow());
            }
        }
        if (!toEmbed.isEmpty()) {
            index.upsertAll(toEmbed);
        }
        if (!metaRecords.isEmpty()) {
            index.upsertAllWithVectors(metaRecords, metaVectors);
        }
        int removed = 0;
        for (long id : index.ids()) {
            if (!seen.contains(id) && index.delete(id)) {
                removed++;
            }
        }
        Result res = new Result(added, reembedded, meta, removed);
        LOG.info("{}: reconciled with source in {} ms: {} added, {} re-embedded, {} metadata updates, "
                + "{} removed; now {} incidents", index.directory(), (System.nanoTime() - t0) / 1_000_000,
                added, reembedded, meta, removed, index.size());
        return res;
    }
}
