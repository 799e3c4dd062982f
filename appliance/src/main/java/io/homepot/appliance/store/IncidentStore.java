package io.homepot.appliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All SQL for {@code ai_incident_patterns}. */
public final class IncidentStore {
    private static final String COLS = "id, device_id, pattern_description, category, severity, resolution, created_at, "
            + "resolved_at";
    private final Database db;

    public IncidentStore(Database db) {
        this.db = db;
    }

    public Incident insert(Incident i) {
        return db.inTransaction(c -> {
            long id = Sql.insert(c, "INSERT INTO ai_incident_patterns (device_id, pattern_description, category, severity, "
                            + "resolution, created_at, resolved_at) VALUES (?, ?, ?, ?, ?, COALESCE(?, CURRENT_TIMESTAMP), ?)",
                    Sql.orNull(i.deviceId()), i.patternDescription(), Sql.orNull(i.category()), Sql.orNull(i.severity()),
                    Sql.orNull(i.resolution()), Sql.orNull(i.createdAt()), Sql.orNull(i.resolvedAt()));
            return Sql.one(c, "SELECT " + COLS + " FROM ai_incident_patterns WHERE id = ?", IncidentStore::map, id);
        });
    }

    public Optional<Incident> get(long id) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT " + COLS + " FROM ai_incident_patterns WHERE id = ?",
                IncidentStore::map, id)));
    }

    /** Marks an incident resolved. */
    public boolean resolve(long id, String resolution, Instant at) {
        return db.inTransaction(c -> Sql.update(c, "UPDATE ai_incident_patterns SET resolution = ?, resolved_at = ? "
                + "WHERE id = ?", resolution, at, id) > 0);
    }

    /** Newest first; {@code deviceId} null = all devices. */
    public List<Incident> list(Long deviceId, int limit) {
        return db.read(c -> deviceId == null
                ? Sql.query(c, "SELECT " + COLS + " FROM ai_incident_patterns ORDER BY created_at DESC, id DESC LIMIT ?",
                        IncidentStore::map, limit)
                : Sql.query(c, "SELECT " + COLS + " FROM ai_incident_patterns WHERE device_id = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT ?", IncidentStore::map, deviceId, limit));
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_incident_patterns"));
    }

    static Incident map(ResultSet rs) throws SQLException {
        return new Incident(rs.getLong("id"), Sql.longOrNull(rs, "device_id"), rs.getString("pattern_description"),
                rs.getString("category"), rs.getString("severity"), rs.getString("resolution"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "resolved_at"));
    }
}
