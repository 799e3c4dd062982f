-- Re-sent samples (a client retrying after a timeout) must not be stored twice: one row per
-- (device, metric, ts). Existing duplicates keep their first physical row; ${rowid} is the dialect's physical
-- row id (H2: _ROWID_, PostgreSQL: ctid), set by Database. The unique index replaces the plain series index
-- and includes ts, so it is also valid on a TimescaleDB hypertable partitioned by ts.
DELETE FROM metric_samples a
 WHERE EXISTS (SELECT 1 FROM metric_samples b
                WHERE b.device_id = a.device_id AND b.metric = a.metric AND b.ts = a.ts
                  AND b.${rowid} < a.${rowid});
DROP INDEX IF EXISTS ix_metric_samples_device_metric_ts;
CREATE UNIQUE INDEX IF NOT EXISTS ux_metric_samples_series_ts ON metric_samples (device_id, metric, ts);
