-- Scoring wiring (io.homepot.appliance.scoring): device health history.
-- Same SQL subset as V1 so it runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL 15+.

-- One row per health assessment kept for history: written when the status changes and at least every
-- 15 minutes (data time) while a device reports. factors is a JSON array of contributing factors.
CREATE TABLE device_health_history (
    device_id    BIGINT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    ts           TIMESTAMP WITH TIME ZONE NOT NULL,
    health_score DOUBLE PRECISION NOT NULL,
    status       VARCHAR(20) NOT NULL,
    factors      TEXT
);
CREATE INDEX ix_device_health_history_device_ts ON device_health_history (device_id, ts);

-- Lets the site anomaly feed and the duplicate check find anomaly rows by time.
CREATE INDEX ix_ai_anomaly_logs_created ON ai_anomaly_logs (created_at);
