package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All SQL for {@code metric_samples}. Inserts use JDBC batching; downsampling is done in SQL
 * (one {@code GROUP BY} over epoch buckets) so long ranges never reach the JVM row by row.
 */
public final class SampleStore {
    /** Rows per JDBC batch. */
    public static final int BATCH = 5_000;
    private final Database db;

    public SampleStore(Database db) {
        this.db = db;
    }

    /** Inserts samples in the caller's transaction. */
    public void insert(Connection c, List<Sample> samples) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO metric_samples (device_id, metric, ts, value) VALUES (?, ?, ?, ?)")) {
            int n = 0;
            for (Sample s : samples) {
                ps.setLong(1, s.deviceId());
                ps.setString(2, s.metric());
                ps.setObject(3, Sql.ts(s.ts()));
                ps.setDouble(4, s.value());
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (n % BATCH != 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * SQL for the {@code stepSeconds}-wide epoch bucket number of column {@code ts}: the one dialect-specific
     * expression (H2's EXTRACT(EPOCH) goes through NUMERIC and is ~4x slower than integer DATEDIFF).
     */
    public static String epochBucket(Database.Kind kind, long stepSeconds) {
        if (stepSeconds <= 0) {
            throw new IllegalArgumentException("stepSeconds must be positive");
        }
        return kind == Database.Kind.H2
                ? "DATEDIFF('SECOND', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', ts) / " + stepSeconds
                : "CAST(FLOOR(EXTRACT(EPOCH FROM ts) / " + stepSeconds + ") AS BIGINT)";
    }

    /** True when no sample is stored at all (a fresh install). */
    public boolean isEmpty() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM metric_samples LIMIT 1");
                 var rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }

    /**
     * Drops the series index before a bulk load into an empty table; {@link #ensureSeriesIndex()} rebuilds it in
     * one sorted pass, several times faster than maintaining it row by row. Only for bulk loads: queries by
     * series scan the table while the index is absent.
     */
    public void dropSeriesIndex() {
        db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.execute("DROP INDEX IF EXISTS ix_metric_samples_device_metric_ts");
            }
            return null;
        });
    }

    /** Creates the series index (device, metric, ts) if it is missing; idempotent, also after a crash mid-load. */
    public void ensureSeriesIndex() {
        db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE INDEX IF NOT EXISTS ix_metric_samples_device_metric_ts ON metric_samples (device_id, metric, ts)");
            }
            return null;
        });
    }

    /** Inserts samples in their own transaction (bulk loads such as the demo back-fill). */
    public void insert(List<Sample> samples) {
        db.inTransaction(c -> {
            insert(c, samples);
            return null;
        });
    }

    /** Raw samples in {@code [from, to)}, oldest first, at most {@code limit}. */
    public List<Sample> raw(long deviceId, String metric, Instant from, Instant to, int limit) {
        return db.read(c -> Sql.query(c, "SELECT ts, value FROM metric_samples WHERE device_id = ? AND metric = ? "
                        + "AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?",
                rs -> new Sample(deviceId, metric, Sql.instant(rs, "ts"), rs.getDouble("value")),
                deviceId, metric, from, to, limit));
    }

    /**
     * Avg/min/max/count per {@code stepSeconds} bucket in {@code [from, to)}, oldest first; buckets are
     * aligned to the Unix epoch and empty buckets are omitted.
     */
    public List<SeriesBucket> downsample(long deviceId, String metric, Instant from, Instant to, long stepSeconds) {
        if (stepSeconds < 1) {
            throw new IllegalArgumentException("stepSeconds must be >= 1");
        }
        // step is a validated long, inlined so both backends type the arithmetic the same way. The bucket
        // expression is the one dialect-specific bit: H2's EXTRACT(EPOCH) goes through NUMERIC and is ~4x slower
        // than DATEDIFF (integer seconds; integer division floors because all timestamps are after 1970).
        String bucket = epochBucket(db.kind(), stepSeconds);
        String sql = "SELECT b, AVG(v) AS avg_v, MIN(v) AS min_v, MAX(v) AS max_v, COUNT(*) AS n FROM ("
                + "SELECT " + bucket + " AS b, value AS v "
                + "FROM metric_samples WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ?) x "
                + "GROUP BY b ORDER BY b";
        return db.read(c -> Sql.query(c, sql, rs -> new SeriesBucket(Instant.ofEpochSecond(rs.getLong("b") * stepSeconds),
                rs.getDouble("avg_v"), rs.getDouble("min_v"), rs.getDouble("max_v"), rs.getLong("n")),
                deviceId, metric, from, to));
    }

    /** Timestamp of the newest sample of a series. */
    public Optional<Instant> latest(long deviceId, String metric) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT ts FROM metric_samples WHERE device_id = ? "
                + "AND metric = ? ORDER BY ts DESC LIMIT 1", rs -> Sql.instant(rs, "ts"), deviceId, metric)));
    }

    /** Oldest and newest timestamp of a series, or empty. */
    public Optional<Instant[]> span(long deviceId, String metric) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT MIN(ts) AS lo, MAX(ts) AS hi FROM metric_samples "
                        + "WHERE device_id = ? AND metric = ?",
                rs -> rs.getObject("lo") == null ? null : new Instant[] {Sql.instant(rs, "lo"), Sql.instant(rs, "hi")},
                deviceId, metric)));
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM metric_samples"));
    }

    public long count(long deviceId) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM metric_samples WHERE device_id = ?", deviceId));
    }
}
