package io.homepot.appliance.scoring;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import io.homepot.appliance.store.AnomalyLog;
import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.Sql;

/**
 * All SQL of the scoring wiring: {@code device_health_history} (its own table) and the read-side queries over
 * {@code ai_anomaly_logs}, {@code metric_samples} and {@code device_events} that the engine and its endpoints need
 * beyond the foundation stores. Common SQL subset of H2 and PostgreSQL only.
 */
public final class ScoringQueries {
    private static final String ANOMALY_COLS = "a.id, a.device_id, a.health_score, a.status, a.metrics, a.metric, "
            + "a.score, a.severity, a.category, a.details, a.created_at";
    private final Database db;

    public ScoringQueries(Database db) {
        this.db = db;
    }

    /** One health-history point. */
    public record HealthPoint(long deviceId, Instant ts, double healthScore, String status, String factors) {
    }

    /** An anomaly row with its device's name and site. */
    public record SiteAnomaly(AnomalyLog log, String deviceName, long siteId) {
    }

    /** A device of a site with its type and current health. */
    public record DeviceHealthRow(long id, String name, String typeCode, String status, Double healthScore) {
    }

    /** A scored series: a metric its device's type defines. */
    record SeriesRow(long deviceId, String metric) {
    }

    /** Receives samples of a replay in time order. */
    @FunctionalInterface
    interface SampleSink {
        void accept(String metric, long epochMillis, double value);
    }

    // ---- health history

    void insertHistory(List<HealthPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_health_history (device_id, ts, "
                    + "health_score, status, factors) VALUES (?, ?, ?, ?, ?)")) {
                int n = 0;
                for (HealthPoint p : points) {
                    Sql.bind(ps, p.deviceId(), p.ts(), p.healthScore(), p.status(), Sql.orNull(p.factors()));
                    ps.addBatch();
                    if (++n % 2000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** History points in {@code [from, to]}, oldest first. */
    public List<HealthPoint> history(long deviceId, Instant from, Instant to, int limit) {
        return db.read(c -> Sql.query(c, "SELECT device_id, ts, health_score, status, factors FROM device_health_history "
                        + "WHERE device_id = ? AND ts >= ? AND ts <= ? ORDER BY ts LIMIT ?", ScoringQueries::point,
                deviceId, from, to, limit));
    }

    /** The newest history point of a device. */
    public HealthPoint latestHistory(long deviceId) {
        return db.read(c -> Sql.one(c, "SELECT device_id, ts, health_score, status, factors FROM device_health_history "
                + "WHERE device_id = ? ORDER BY ts DESC LIMIT 1", ScoringQueries::point, deviceId));
    }

    private static HealthPoint point(ResultSet rs) throws SQLException {
        return new HealthPoint(rs.getLong("device_id"), Sql.instant(rs, "ts"), rs.getDouble("health_score"),
                rs.getString("status"), rs.getString("factors"));
    }

    // ---- anomalies

    /** Anomalies of a device in {@code [from, to]}, newest first. */
    public List<AnomalyLog> deviceAnomalies(long deviceId, Instant from, Instant to, int limit) {
        return db.read(c -> Sql.query(c, "SELECT " + ANOMALY_COLS + " FROM ai_anomaly_logs a WHERE a.device_id = ? "
                        + "AND a.created_at >= ? AND a.created_at <= ? ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
                ScoringQueries::anomaly, deviceId, from, to, limit));
    }

    /** Anomalies since {@code since}, newest first; {@code siteId} null = every site. */
    public List<SiteAnomaly> anomalies(Long siteId, Instant since, int limit) {
        String sql = "SELECT " + ANOMALY_COLS + ", d.name AS device_name, d.site_id FROM ai_anomaly_logs a "
                + "JOIN devices d ON d.id = a.device_id WHERE a.created_at >= ?"
                + (siteId == null ? "" : " AND d.site_id = ?") + " ORDER BY a.created_at DESC, a.id DESC LIMIT ?";
        Object[] params = siteId == null ? new Object[] {since, limit} : new Object[] {since, siteId, limit};
        return db.read(c -> Sql.query(c, sql, rs -> new SiteAnomaly(anomaly(rs), rs.getString("device_name"),
                rs.getLong("site_id")), params));
    }

    boolean anomalyExists(long deviceId, String metric, Instant ts) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_anomaly_logs WHERE device_id = ? AND metric = ? "
                + "AND created_at = ?", deviceId, metric, ts)) > 0;
    }

    /** Anomalies of other devices of a site in {@code [from, to]}, oldest first. */
    List<AnomalyLog> siteAnomaliesNear(long siteId, long excludeDevice, Instant from, Instant to) {
        return db.read(c -> Sql.query(c, "SELECT " + ANOMALY_COLS + " FROM ai_anomaly_logs a JOIN devices d "
                        + "ON d.id = a.device_id WHERE d.site_id = ? AND a.device_id <> ? AND a.created_at >= ? "
                        + "AND a.created_at <= ? ORDER BY a.created_at LIMIT 20", ScoringQueries::anomaly,
                siteId, excludeDevice, from, to));
    }

    static AnomalyLog anomaly(ResultSet rs) throws SQLException {
        return new AnomalyLog(rs.getLong("id"), rs.getLong("device_id"), rs.getDouble("health_score"),
                rs.getString("status"), rs.getString("metrics"), rs.getString("metric"), Sql.doubleOrNull(rs, "score"),
                rs.getString("severity"), rs.getString("category"), rs.getString("details"), Sql.instant(rs, "created_at"));
    }

    // ---- events

    /** Events of other devices of a site in {@code [from, to]}, oldest first. */
    List<Event> siteEventsNear(long siteId, long excludeDevice, Instant from, Instant to) {
        return db.read(c -> Sql.query(c, "SELECT e.id, e.device_id, e.ts, e.kind, e.severity, e.message, e.value "
                        + "FROM device_events e JOIN devices d ON d.id = e.device_id WHERE d.site_id = ? "
                        + "AND e.device_id <> ? AND e.ts >= ? AND e.ts <= ? ORDER BY e.ts LIMIT 20", ScoringQueries::event,
                siteId, excludeDevice, from, to));
    }

    /** Events of a device at or after {@code from}, oldest first. */
    List<Event> eventsSince(long deviceId, Instant from) {
        return db.read(c -> Sql.query(c, "SELECT id, device_id, ts, kind, severity, message, value FROM device_events "
                + "WHERE device_id = ? AND ts >= ? ORDER BY ts, id", ScoringQueries::event, deviceId, from));
    }

    private static Event event(ResultSet rs) throws SQLException {
        return new Event(rs.getLong("id"), rs.getLong("device_id"), Sql.instant(rs, "ts"), rs.getString("kind"),
                rs.getString("severity"), rs.getString("message"), Sql.doubleOrNull(rs, "value"));
    }

    // ---- replay

    /** Every series a device may report (device type's metric definitions). */
    List<SeriesRow> allSeries() {
        return db.read(c -> Sql.query(c, "SELECT d.id, m.name FROM devices d JOIN metric_definitions m "
                + "ON m.device_type_id = d.device_type_id ORDER BY d.id, m.name", rs -> new SeriesRow(rs.getLong(1),
                rs.getString(2))));
    }

    /** Stored samples of a series strictly between {@code afterMillis} (Long.MIN_VALUE = the beginning) and {@code before}. */
    long countBetween(long deviceId, String metric, long afterMillis, Instant before) {
        Instant after = afterMillis == SeriesState.NONE ? Instant.EPOCH.minusSeconds(1) : Instant.ofEpochMilli(afterMillis);
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM metric_samples WHERE device_id = ? AND metric = ? "
                + "AND ts > ? AND ts < ?", deviceId, metric, after, before));
    }

    /**
     * Streams a device's samples newer than {@code afterMillis} in time order (all its metrics interleaved). Each
     * series is read in index order into primitive arrays and merged here, so the database never sorts.
     */
    void replay(long deviceId, List<String> metrics, long afterMillis, SampleSink sink) {
        Instant after = afterMillis == SeriesState.NONE ? Instant.EPOCH.minusSeconds(1) : Instant.ofEpochMilli(afterMillis);
        int k = metrics.size();
        long[][] ts = new long[k][];
        double[][] vs = new double[k][];
        int[] len = new int[k];
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, value FROM metric_samples "
                    + "WHERE device_id = ? AND metric = ? AND ts > ? ORDER BY ts")) {
                ps.setFetchSize(10_000);
                for (int m = 0; m < k; m++) {
                    Sql.bind(ps, deviceId, metrics.get(m), after);
                    long[] t = new long[1024];
                    double[] v = new double[1024];
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (n == t.length) {
                                t = java.util.Arrays.copyOf(t, n * 2);
                                v = java.util.Arrays.copyOf(v, n * 2);
                            }
                            t[n] = rs.getObject(1, java.time.OffsetDateTime.class).toInstant().toEpochMilli();
                            v[n++] = rs.getDouble(2);
                        }
                    }
                    ts[m] = t;
                    vs[m] = v;
                    len[m] = n;
                }
            }
            return null;
        });
        int[] pos = new int[k];
        while (true) {
            int best = -1;
            for (int m = 0; m < k; m++) {
                if (pos[m] < len[m] && (best < 0 || ts[m][pos[m]] < ts[best][pos[best]])) {
                    best = m;
                }
            }
            if (best < 0) {
                return;
            }
            sink.accept(metrics.get(best), ts[best][pos[best]], vs[best][pos[best]]);
            pos[best]++;
        }
    }

    // ---- site health

    public List<DeviceHealthRow> siteDevices(long siteId) {
        return db.read(c -> Sql.query(c, "SELECT d.id, d.name, t.code, d.status, d.health_score FROM devices d "
                        + "JOIN device_types t ON t.id = d.device_type_id WHERE d.site_id = ? ORDER BY d.id",
                rs -> new DeviceHealthRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Sql.doubleOrNull(rs, "health_score")), siteId));
    }

    /** Used by tests and the acceptance check: every anomaly of a site, oldest first. */
    public List<AnomalyLog> allAnomalies(long siteId) {
        return db.read(c -> Sql.query(c, "SELECT " + ANOMALY_COLS + " FROM ai_anomaly_logs a JOIN devices d "
                + "ON d.id = a.device_id WHERE d.site_id = ? ORDER BY a.created_at", ScoringQueries::anomaly, siteId));
    }
}
