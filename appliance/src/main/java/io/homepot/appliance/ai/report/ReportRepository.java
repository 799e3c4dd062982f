package io.homepot.appliance.ai.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Report;
import io.homepot.appliance.store.ReportStore;
import io.homepot.appliance.store.Sql;

/**
 * Stored reports: writes and single reads go through the foundation's {@link ReportStore}; the filtered
 * listing (site, device, type, scope) that {@code GET /api/ai/reports} needs is here.
 */
public final class ReportRepository {
    private static final String COLS = "id, report_type, site_id, device_id, content, generated_at, mode";
    private final Database db;
    private final ReportStore store;

    public ReportRepository(Database db, ReportStore store) {
        this.db = db;
        this.store = store;
    }

    /**
     * Listing filter; {@code null} = any.
     *
     * @param siteId   reports of this site (site reports and the device reports of its devices)
     * @param scope    {@code site} (device_id null) or {@code device}
     * @param since    generated at or after
     */
    public record Filter(Long siteId, Long deviceId, String type, String mode, String scope, Instant since, int limit) {
    }

    public Report insert(Report r) {
        return store.insert(r);
    }

    public Optional<Report> get(long id) {
        return store.get(id);
    }

    /** Newest first. */
    public List<Report> list(Filter f) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> p = new ArrayList<>();
        if (f.siteId() != null) {
            where.append(" AND site_id = ?");
            p.add(f.siteId());
        }
        if (f.deviceId() != null) {
            where.append(" AND device_id = ?");
            p.add(f.deviceId());
        }
        if (f.type() != null) {
            where.append(" AND report_type = ?");
            p.add(f.type());
        }
        if (f.mode() != null) {
            where.append(" AND mode = ?");
            p.add(f.mode());
        }
        if ("site".equals(f.scope())) {
            where.append(" AND device_id IS NULL");
        } else if ("device".equals(f.scope())) {
            where.append(" AND device_id IS NOT NULL");
        }
        if (f.since() != null) {
            where.append(" AND generated_at >= ?");
            p.add(Sql.ts(f.since()));
        }
        p.add(f.limit());
        String sql = "SELECT " + COLS + " FROM ai_reports" + where + " ORDER BY generated_at DESC, id DESC LIMIT ?";
        return db.read(c -> Sql.query(c, sql, ReportRepository::map, p.toArray()));
    }

    private static Report map(ResultSet rs) throws SQLException {
        return new Report(rs.getLong("id"), rs.getString("report_type"), Sql.longOrNull(rs, "site_id"),
                Sql.longOrNull(rs, "device_id"), rs.getString("content"), Sql.instant(rs, "generated_at"),
                rs.getString("mode"));
    }
}
