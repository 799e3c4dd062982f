package io.homepot.appliance.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.ingest.IngestPipeline;
import io.homepot.appliance.ingest.IngestResult;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sample;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code POST /api/ingest}: parses a batch of samples and events, checks every item's syntax (collecting up to
 * 20 errors, each naming {@code samples[i].field}), then hands it to the {@link IngestPipeline}, which validates
 * references and commits all-or-nothing. The 200 response is sent only after the commit.
 */
public final class IngestService implements HttpService {
    private static final int MAX_ERRORS = 20;
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
        JsonObject body = JsonInput.readObject(req, limits.maxBodyBytes());
        List<JsonValue> s = JsonInput.array(body, "samples", null, false);
        List<JsonValue> e = JsonInput.array(body, "events", null, false);
        if (!body.containsKey("samples") && !body.containsKey("events")) {
            throw ProblemException.badRequest("samples", "Body must contain a 'samples' and/or 'events' array");
        }
        if (s.size() + e.size() > limits.maxBatchItems()) {
            throw ProblemException.tooLarge(s.size() > limits.maxBatchItems() ? "samples" : "events",
                    "Batch has " + (s.size() + e.size()) + " items; the limit is " + limits.maxBatchItems()
                            + " samples + events per request");
        }
        List<ProblemException> errors = new ArrayList<>();
        List<Sample> samples = new ArrayList<>(s.size());
        for (int i = 0; i < s.size() && errors.size() < MAX_ERRORS; i++) {
            String p = "samples[" + i + "]";
            try {
                JsonObject o = JsonInput.element(s, i, p);
                samples.add(new Sample(JsonInput.integer(o, "device_id", p, true), JsonInput.text(o, "metric", p, true, 64),
                        JsonInput.timestamp(o, "ts", p, true), JsonInput.number(o, "value", p, true)));
            } catch (ProblemException ex) {
                errors.add(ex);
            }
        }
        List<Event> events = new ArrayList<>(e.size());
        for (int i = 0; i < e.size() && errors.size() < MAX_ERRORS; i++) {
            String p = "events[" + i + "]";
            try {
                JsonObject o = JsonInput.element(e, i, p);
                String severity = JsonInput.text(o, "severity", p, false, 20);
                events.add(Event.of(JsonInput.integer(o, "device_id", p, true), JsonInput.timestamp(o, "ts", p, true),
                        JsonInput.text(o, "kind", p, true, 64), severity == null ? "info" : severity,
                        JsonInput.text(o, "message", p, false, 2000), JsonInput.number(o, "value", p, false)));
            } catch (ProblemException ex) {
                errors.add(ex);
            }
        }
        if (!errors.isEmpty()) {
            ProblemException first = errors.getFirst();
            throw new ProblemException(first.status(), first.title(), first.detail() + (errors.size() > 1
                    ? " (and " + (errors.size() - 1) + (errors.size() >= MAX_ERRORS ? "+" : "") + " more)" : "")
                    + "; nothing was written", first.field(),
                    errors.stream().map(x -> new ProblemException.FieldError(x.field(), x.detail())).toList());
        }
        IngestResult r = pipeline.ingest(new IngestBatch(samples, events));
        Json.send(res, Json.obj().put("accepted", true).put("samples", r.samples()).put("events", r.events())
                .put("devices", r.devices()).put("commit_ms", r.commitMillis()).put("committed_at", Instant.now()).build());
    }
}
