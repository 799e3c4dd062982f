package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** All SQL for {@code device_events}. */
public final class EventStore {
    private final Database db;

    public EventStore(Database db) {
        this.db = db;
    }

    /** Inserts events in the caller's transaction (batched). */
    public void insert(Connection c, List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_events (device_id, ts, kind, severity, message, value) VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Event e : events) {
                ps.setLong(1, e.deviceId());
                ps.setObject(2, Sql.ts(e.ts()));
                ps.setString(3, e.kind());
                ps.setString(4, e.severity());
                if (e.message() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, e.message());
                }
                if (e.value() == null) {
                    ps.setNull(6, Types.DOUBLE);
                } else {
                    ps.setDouble(6, e.value());
                }
                ps.addBatch();
                if (++n % SampleStore.BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public void insert(List<Event> events) {
        db.inTransaction(c -> {
            insert(c, events);
            return null;
        });
    }

    /**
     * Events of a device, newest first.
     *
     * @param from inclusive lower bound (nullable)
     * @param to   exclusive upper bound (nullable)
     * @param kind only this kind (nullable)
     */
    public Page<Event> list(long deviceId, Instant from, Instant to, String kind, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE device_id = ?");
        List<Object> p = new ArrayList<>(List.of(deviceId));
        if (from != null) {
            where.append(" AND ts >= ?");
            p.add(from);
        }
        if (to != null) {
            where.append(" AND ts < ?");
            p.add(to);
        }
        if (kind != null) {
            where.append(" AND kind = ?");
            p.add(kind);
        }
        return db.read(c -> {
            long total = Sql.count(c, "SELECT COUNT(*) FROM device_events" + where, p.toArray());
            List<Object> pp = new ArrayList<>(p);
            pp.add(limit);
            pp.add(offset);
            List<Event> rows = Sql.query(c, "SELECT id, device_id, ts, kind, severity, message, value FROM device_events"
                    + where + " ORDER BY ts DESC, id DESC LIMIT ? OFFSET ?", EventStore::map, pp.toArray());
            return new Page<>(rows, total, limit, offset);
        });
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM device_events"));
    }

    static Event map(ResultSet rs) throws SQLException {
        return new Event(rs.getLong("id"), rs.getLong("device_id"), Sql.instant(rs, "ts"), rs.getString("kind"),
                rs.getString("severity"), rs.getString("message"), Sql.doubleOrNull(rs, "value"));
    }
}
