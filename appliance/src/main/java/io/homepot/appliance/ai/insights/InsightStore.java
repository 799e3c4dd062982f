package io.homepot.appliance.ai.insights;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Sql;

/** All SQL for {@code ai_insights} and {@code ai_insight_actions} (migration {@code V5_1}). */
public final class InsightStore {
    private final Database db;

    public InsightStore(Database db) {
        this.db = db;
    }

    /** An insight to register. */
    public record NewInsight(String fingerprint, String kind, Long deviceId, String description) {
    }

    /** A stored insight. */
    public record Insight(long id, long siteId, String fingerprint, String kind, Long deviceId, String description,
                          Instant firstSeen) {
    }

    /** A recorded action. */
    public record Action(long id, long insightId, boolean taken, Boolean effective, String note, String username,
                         Instant createdAt) {
    }

    /** Action counts of one insight. */
    public record Counts(long recorded, long taken, long effective) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /**
     * Ids for the insights of a site by fingerprint, creating the missing ones (stable: the same
     * fingerprint always maps to the same id). New wording is not written back.
     */
    public Map<String, Long> ensure(long siteId, List<NewInsight> insights) {
        if (insights.isEmpty()) {
            return Map.of();
        }
        try {
            return ensureOnce(siteId, insights);
        } catch (RuntimeException e) {
            // a concurrent request inserted the same fingerprint first: the second pass finds it
            return ensureOnce(siteId, insights);
        }
    }

    private Map<String, Long> ensureOnce(long siteId, List<NewInsight> insights) {
        return db.inTransaction(c -> {
            Map<String, Long> ids = new HashMap<>();
            List<Object> p = new ArrayList<>();
            p.add(siteId);
            insights.forEach(i -> p.add(i.fingerprint()));
            String in = insights.stream().map(i -> "?").collect(Collectors.joining(","));
            Sql.query(c, "SELECT id, fingerprint FROM ai_insights WHERE site_id = ? AND fingerprint IN (" + in + ")",
                    rs -> ids.put(rs.getString(2), rs.getLong(1)), p.toArray());
            for (NewInsight i : insights) {
                if (!ids.containsKey(i.fingerprint())) {
                    long id = Sql.insert(c, "INSERT INTO ai_insights (site_id, fingerprint, kind, device_id, description) "
                            + "VALUES (?, ?, ?, ?, ?)", siteId, i.fingerprint(), i.kind(), Sql.orNull(i.deviceId()),
                            i.description());
                    ids.put(i.fingerprint(), id);
                }
            }
            return ids;
        });
    }

    public Optional<Insight> get(long id) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT id, site_id, fingerprint, kind, device_id, description, "
                + "first_seen FROM ai_insights WHERE id = ?", rs -> new Insight(rs.getLong("id"), rs.getLong("site_id"),
                rs.getString("fingerprint"), rs.getString("kind"), Sql.longOrNull(rs, "device_id"),
                rs.getString("description"), Sql.instant(rs, "first_seen")), id)));
    }

    /** Records an action on an insight. */
    public Action record(long insightId, boolean taken, Boolean effective, String note, String username) {
        return db.inTransaction(c -> {
            long id = Sql.insert(c, "INSERT INTO ai_insight_actions (insight_id, taken, effective, note, username) "
                    + "VALUES (?, ?, ?, ?, ?)", insightId, taken, effective == null ? new Sql.NullOf(java.sql.Types.BOOLEAN)
                    : effective, Sql.orNull(note), Sql.orNull(username));
            return Sql.one(c, "SELECT id, insight_id, taken, effective, note, username, created_at FROM ai_insight_actions "
                    + "WHERE id = ?", InsightStore::action, id);
        });
    }

    /** Action counts per insight id of a site. */
    public Map<Long, Counts> counts(long siteId) {
        Map<Long, Counts> out = new HashMap<>();
        db.read(c -> Sql.query(c, "SELECT a.insight_id, COUNT(*) AS n, SUM(CASE WHEN a.taken THEN 1 ELSE 0 END) AS t, "
                + "SUM(CASE WHEN a.effective THEN 1 ELSE 0 END) AS e FROM ai_insight_actions a "
                + "JOIN ai_insights i ON i.id = a.insight_id WHERE i.site_id = ? GROUP BY a.insight_id",
                rs -> out.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4))), siteId));
        return out;
    }

    /** Total actions of all insights (part of the data version). */
    public long actionCount() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_insight_actions"));
    }

    private static Action action(java.sql.ResultSet rs) throws SQLException {
        boolean eff = rs.getBoolean("effective");
        return new Action(rs.getLong("id"), rs.getLong("insight_id"), rs.getBoolean("taken"), rs.wasNull() ? null : eff,
                rs.getString("note"), rs.getString("username"), Sql.instant(rs, "created_at"));
    }
}
