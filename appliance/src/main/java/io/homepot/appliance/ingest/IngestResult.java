package io.homepot.appliance.ingest;

/** Acknowledgement of a committed batch. */
public record IngestResult(int samples, int events, int devices, long commitMillis) {
}
