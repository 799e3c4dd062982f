package io.homepot.appliance.incidents;

import java.time.Instant;

import io.homepot.appliance.api.Json;
import jakarta.json.JsonObject;

/**
 * The {@code index} section of {@code /api/ai/status}.
 *
 * @param state          {@code opening}, {@code rebuilding}, {@code ready}, {@code failed} or {@code closed}
 * @param size           incidents in the index
 * @param dimensions     embedding dimensions (384)
 * @param model          {@code fp32} or {@code int8}
 * @param modelId        full model name
 * @param lastSnapshot   time of the last snapshot on disk, null if none
 * @param progressDone   incidents synchronised so far while rebuilding, else null
 * @param progressTotal  incidents to synchronise while rebuilding, else null
 * @param queued         incidents waiting in the indexing queue
 * @param dropped        queue overflows since start (each repaired by a reconciliation)
 * @param embedded       incidents embedded since start
 * @param embedMillis    time spent embedding and writing them
 * @param openMillis     time to load the model and open the index files (-1 while opening)
 * @param readyMillis    time from start to ready, reconciliation included (-1 until ready)
 * @param lastReconcile  end of the last full comparison with the incident table
 * @param error          why the index failed, else null
 * @param queryHits      search texts whose vector came from the query-vector cache since start
 * @param queryMisses    search texts embedded by the model since start
 */
public record IndexStatus(String state, int size, int dimensions, String model, String modelId, Instant lastSnapshot,
                          Long progressDone, Long progressTotal, int queued, long dropped, long embedded,
                          long embedMillis, long openMillis, long readyMillis, Instant lastReconcile, String error,
                          long queryHits, long queryMisses) {

    public JsonObject toJson() {
        Json.Obj o = Json.obj().put("state", state).put("size", size).put("dimensions", dimensions).put("model", model)
                .put("model_id", modelId).put("last_snapshot", lastSnapshot);
        if (progressTotal != null) {
            o.put("progress", Json.obj().put("done", progressDone).put("total", progressTotal));
        }
        o.put("queued", queued).put("dropped", dropped).put("embedded", embedded)
                .put("embed_ms_per_incident", embedded == 0 ? null : Math.round(100.0 * embedMillis / embedded) / 100.0)
                .put("open_ms", openMillis < 0 ? null : openMillis).put("ready_ms", readyMillis < 0 ? null : readyMillis)
                .put("last_reconcile", lastReconcile)
                .put("query_vectors", Json.obj().put("cache_hits", queryHits).put("model_runs", queryMisses))
                .putIfPresent("error", error);
        return o.build();
    }
}
