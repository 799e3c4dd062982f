package io.homepot.appliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** All SQL for {@code ai_anomaly_logs}. */
public final class AnomalyStore {
    private static final String COLS = "id, device_id, health_score, status, metrics, metric, score, severity, category, "
            + "details, created_at";
    private final Database db;

    public AnomalyStore(Database db) {
        this.db = db;
    }

    /** Inserts a row ({@code createdAt} null = now) and returns it with its id. */
    public AnomalyLog insert(AnomalyLog a) {
        return db.inTransaction(c -> {
            long id = Sql.insert(c, "INSERT INTO ai_anomaly_logs (device_id, health_score, status, metrics, metric, score, "
                            + "severity, category, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, CURRENT_TIMESTAMP))",
                    a.deviceId(), a.healthScore(), a.status(), a.metrics(), Sql.orNull(a.metric()), Sql.orNull(a.score()),
                    Sql.orNull(a.severity()), Sql.orNull(a.category()), Sql.orNull(a.details()), Sql.orNull(a.createdAt()));
            return Sql.one(c, "SELECT " + COLS + " FROM ai_anomaly_logs WHERE id = ?", AnomalyStore::map, id);
        });
    }

    /** Newest first. */
    public List<AnomalyLog> listForDevice(long deviceId, int limit) {
        return db.read(c -> Sql.query(c, "SELECT " + COLS + " FROM ai_anomaly_logs WHERE device_id = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ?", AnomalyStore::map, deviceId, limit));
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_anomaly_logs"));
    }

    static AnomalyLog map(ResultSet rs) throws SQLException {
        return new AnomalyLog(rs.getLong("id"), rs.getLong("device_id"), rs.getDouble("health_score"),
                rs.getString("status"), rs.getString("metrics"), rs.getString("metric"), Sql.doubleOrNull(rs, "score"),
                rs.getString("severity"), rs.getString("category"), rs.getString("details"), Sql.instant(rs, "created_at"));
    }
}
