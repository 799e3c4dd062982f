package io.homepot.appliance.config;

/**
 * Request limits.
 *
 * @param maxBodyBytes  largest accepted request body (413 above)
 * @param maxBatchItems most samples + events in one ingest batch (413 above)
 * @param maxRawPoints  most raw points returned per series by the metrics query
 */
public record LimitsConfig(long maxBodyBytes, int maxBatchItems, int maxRawPoints) {
    public LimitsConfig {
        if (maxBodyBytes < 1024) {
            throw new ConfigException("homepot.limits.max-body-bytes (HOMEPOT_MAX_BODY_BYTES) must be >= 1024, got " + maxBodyBytes);
        }
        if (maxBatchItems < 1) {
            throw new ConfigException("homepot.limits.max-batch-items (HOMEPOT_MAX_BATCH_ITEMS) must be >= 1, got " + maxBatchItems);
        }
        if (maxRawPoints < 1) {
            throw new ConfigException("homepot.limits.max-raw-points (HOMEPOT_MAX_RAW_POINTS) must be >= 1, got " + maxRawPoints);
        }
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(16L * 1024 * 1024, 20_000, 100_000);
    }
}
