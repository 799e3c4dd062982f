package io.homepot.appliance.ingest;

import java.util.List;

import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sample;

/**
 * Told about every batch after it has been committed (e.g. anomaly detection, health scoring).
 * Called synchronously on the ingesting thread, in registration order; keep it quick or hand work to
 * your own executor. An exception is logged and does not affect the (already committed) batch.
 * Register with {@link IngestPipeline#addListener}. The demo back-fill bypasses listeners; live demo
 * samples go through the pipeline and are delivered.
 */
@FunctionalInterface
public interface IngestListener {
    void onCommitted(List<Sample> samples, List<Event> events);
}
