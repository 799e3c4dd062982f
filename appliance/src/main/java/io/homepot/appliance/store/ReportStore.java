package io.homepot.appliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** All SQL for {@code ai_reports}. */
public final class ReportStore {
    private static final String COLS = "id, report_type, site_id, device_id, content, generated_at, mode";
    private final Database db;

    public ReportStore(Database db) {
        this.db = db;
    }

    public Report insert(Report r) {
        return db.inTransaction(c -> {
            long id = Sql.insert(c, "INSERT INTO ai_reports (report_type, site_id, device_id, content, generated_at, mode) "
                            + "VALUES (?, ?, ?, ?, COALESCE(?, CURRENT_TIMESTAMP), ?)", r.reportType(), Sql.orNull(r.siteId()),
                    Sql.orNull(r.deviceId()), r.content(), Sql.orNull(r.generatedAt()), r.mode());
            return Sql.one(c, "SELECT " + COLS + " FROM ai_reports WHERE id = ?", ReportStore::map, id);
        });
    }

    public Optional<Report> get(long id) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT " + COLS + " FROM ai_reports WHERE id = ?",
                ReportStore::map, id)));
    }

    /** Newest first; {@code deviceId} null = all. */
    public List<Report> list(Long deviceId, int limit) {
        return db.read(c -> deviceId == null
                ? Sql.query(c, "SELECT " + COLS + " FROM ai_reports ORDER BY generated_at DESC, id DESC LIMIT ?",
                        ReportStore::map, limit)
                : Sql.query(c, "SELECT " + COLS + " FROM ai_reports WHERE device_id = ? ORDER BY generated_at DESC, "
                        + "id DESC LIMIT ?", ReportStore::map, deviceId, limit));
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_reports"));
    }

    static Report map(ResultSet rs) throws SQLException {
        return new Report(rs.getLong("id"), rs.getString("report_type"), Sql.longOrNull(rs, "site_id"),
                Sql.longOrNull(rs, "device_id"), rs.getString("content"), Sql.instant(rs, "generated_at"),
                rs.getString("mode"));
    }
}
