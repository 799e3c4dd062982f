package io.homepot.appliance.ingest;

import java.util.List;

import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sample;

/** A syntactically valid batch; item positions are the request's array indexes. */
public record IngestBatch(List<Sample> samples, List<Event> events) {
    public IngestBatch {
        samples = List.copyOf(samples);
        events = List.copyOf(events);
    }

    public int size() {
        return samples.size() + events.size();
    }
}
