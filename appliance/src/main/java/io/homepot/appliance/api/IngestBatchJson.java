package io.homepot.appliance.api;

import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sample;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The ingest wire format, shared by {@code POST /api/ingest} and MQTT: {@code {"samples": [{device_id, metric, ts,
 * value}], "events": [{device_id, ts, kind, severity?, message?, value?}]}}, or (MQTT) one sample object on its own.
 * Every item's syntax is checked, collecting up to {@value #MAX_ERRORS} errors, each naming {@code samples[i].field};
 * references (devices, metrics) are the {@link io.homepot.appliance.ingest.IngestPipeline}'s to check.
 */
public final class IngestBatchJson {
    static final int MAX_ERRORS = 20;

    private IngestBatchJson() {
    }

    /**
     * The batch in {@code body}.
     *
     * @param single accept a lone sample object ({@code device_id}, {@code metric}, {@code ts}, {@code value}) too
     * @throws ProblemException 400 for syntax errors (first one named, the others listed), 413 above the item limit
     */
    public static IngestBatch parse(JsonObject body, LimitsConfig limits, boolean single) {
        if (single && !body.containsKey("samples") && !body.containsKey("events") && body.containsKey("metric")) {
            return new IngestBatch(List.of(sample(body, "")), List.of());
        }
        List<JsonValue> s = JsonInput.array(body, "samples", null, false);
        List<JsonValue> e = JsonInput.array(body, "events", null, false);
        if (!body.containsKey("samples") && !body.containsKey("events")) {
            throw ProblemException.badRequest("samples", "Body must contain a 'samples' and/or 'events' array"
                    + (single ? ", or be one sample {device_id, metric, ts, value}" : ""));
        }
        if (s.size() + e.size() > limits.maxBatchItems()) {
            throw ProblemException.tooLarge(s.size() > limits.maxBatchItems() ? "samples" : "events",
                    "Batch has " + (s.size() + e.size()) + " items; the limit is " + limits.maxBatchItems()
                            + " samples + events per batch");
        }
        List<ProblemException> errors = new ArrayList<>();
        List<Sample> samples = new ArrayList<>(s.size());
        for (int i = 0; i < s.size() && errors.size() < MAX_ERRORS; i++) {
            String p = "samples[" + i + "]";
            try {
                samples.add(sample(JsonInput.element(s, i, p), p));
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
        return new IngestBatch(samples, events);
    }

    private static Sample sample(JsonObject o, String p) {
        return new Sample(JsonInput.integer(o, "device_id", p, true), JsonInput.text(o, "metric", p, true, 64),
                JsonInput.timestamp(o, "ts", p, true), JsonInput.number(o, "value", p, true));
    }
}
