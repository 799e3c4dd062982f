package io.homepot.appliance.api;

import java.time.Instant;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.ingest.IngestPipeline;
import io.homepot.appliance.ingest.IngestResult;

/**
 * {@code POST /api/ingest}: parses a batch of samples and events ({@link IngestBatchJson}: every item's syntax, up to
 * 20 errors, each naming {@code samples[i].field}), then hands it to the {@link IngestPipeline}, which validates
 * references and commits all-or-nothing. The 200 response is sent only after the commit.
 */
public final class IngestService implements HttpService {
    private final IngestPipeline pipeline;
    private final LimitsConfig limits;

    public IngestService(IngestPipeline pipeline, LimitsConfig limits) {
        this.pipeline = pipeline;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::ingest);
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        IngestBatch batch = IngestBatchJson.parse(JsonInput.readObject(req, limits.maxBodyBytes()), limits, false);
        IngestResult r = pipeline.ingest(batch);
        Json.send(res, Json.obj().put("accepted", true).put("samples", r.samples()).put("events", r.events())
                .put("devices", r.devices()).put("commit_ms", r.commitMillis()).put("committed_at", Instant.now()).build());
    }
}
