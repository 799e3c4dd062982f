package io.homepot.appliance.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.api.IngestBatchJson;
import io.homepot.appliance.api.JsonInput;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.ingest.IngestPipeline;
import io.homepot.appliance.ingest.IngestResult;

/**
 * Turns a group of MQTT payloads that arrived together into stored batches: each payload is parsed and validated on
 * its own (a bad one is rejected alone), the valid ones are committed together, in transactions of at most
 * {@link LimitsConfig#maxBatchItems()} items, through {@link IngestPipeline#ingestEach}. A store failure is retried
 * with backoff for as long as {@code keepTrying} says so; then the payloads not yet stored are reported as such.
 */
final class MessageStore {
    private static final Logger LOG = Logger.getLogger(MessageStore.class.getName());

    /** What became of one payload: stored, rejected (never storable), or not stored (store failed, gave up). */
    record Outcome(IngestResult stored, ProblemException rejected) {
        static final Outcome NOT_STORED = new Outcome(null, null);
    }

    private final IngestPipeline pipeline;
    private final LimitsConfig limits;
    private final Consumer<String> failures;

    /** {@code failures} hears of every store failure as it happens ("store: ..."). */
    MessageStore(IngestPipeline pipeline, LimitsConfig limits, Consumer<String> failures) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.failures = failures;
    }

    /** Outcomes in the order of {@code payloads}. */
    List<Outcome> store(List<byte[]> payloads, BooleanSupplier keepTrying) {
        List<Outcome> out = new ArrayList<>(payloads.size());
        List<IngestBatch> chunk = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        int items = 0;
        for (byte[] p : payloads) {
            IngestBatch b;
            try {
                b = parse(p);
            } catch (ProblemException e) {
                out.add(new Outcome(null, e));
                continue;
            }
            if (!chunk.isEmpty() && items + b.size() > limits.maxBatchItems()) {
                commit(chunk, at, out, keepTrying);
                chunk.clear();
                at.clear();
                items = 0;
            }
            out.add(null); // filled in by commit
            chunk.add(b);
            at.add(out.size() - 1);
            items += b.size();
        }
        if (!chunk.isEmpty()) {
            commit(chunk, at, out, keepTrying);
        }
        return out;
    }

    private void commit(List<IngestBatch> chunk, List<Integer> at, List<Outcome> out, BooleanSupplier keepTrying) {
        long wait = 200;
        while (true) {
            try {
                List<IngestPipeline.Outcome> r = pipeline.ingestEach(chunk);
                for (int i = 0; i < r.size(); i++) {
                    out.set(at.get(i), new Outcome(r.get(i).result(), r.get(i).problem()));
                }
                return;
            } catch (RuntimeException e) { // the store failed: nothing was written; keep them unacknowledged
                failures.accept("store: " + e);
                LOG.log(Level.WARNING, "MQTT ingest: storing " + chunk.size() + " message(s) failed; retrying in " + wait
                        + " ms", e);
                if (!sleep(wait) || !keepTrying.getAsBoolean()) {
                    at.forEach(i -> out.set(i, Outcome.NOT_STORED));
                    return;
                }
                wait = Math.min(wait * 2, 10_000);
            }
        }
    }

    private IngestBatch parse(byte[] payload) {
        if (payload.length > limits.maxBodyBytes()) {
            throw ProblemException.tooLarge("body", "MQTT payload of " + payload.length + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }
        return IngestBatchJson.parse(JsonInput.parseObject(payload, "MQTT payload"), limits, true);
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
