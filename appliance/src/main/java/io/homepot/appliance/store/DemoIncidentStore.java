package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** All SQL for {@code demo_incidents}, the injected-incident schedule of the demo site. */
public final class DemoIncidentStore {
    private static final String COLS = "id, site_id, device_id, kind, metric, starts_at, ends_at, description";
    private final Database db;

    public DemoIncidentStore(Database db) {
        this.db = db;
    }

    public void insert(Connection c, DemoIncident i) throws SQLException {
        Sql.update(c, "INSERT INTO demo_incidents (site_id, device_id, kind, metric, starts_at, ends_at, description) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", i.siteId(), i.deviceId(), i.kind(), Sql.orNull(i.metric()),
                i.startsAt(), i.endsAt(), Sql.orNull(i.description()));
    }

    /** The schedule of a site, by start time. */
    public List<DemoIncident> list(long siteId) {
        return db.read(c -> Sql.query(c, "SELECT " + COLS + " FROM demo_incidents WHERE site_id = ? ORDER BY starts_at, id",
                DemoIncidentStore::map, siteId));
    }

    static DemoIncident map(ResultSet rs) throws SQLException {
        return new DemoIncident(rs.getLong("id"), rs.getLong("site_id"), rs.getLong("device_id"), rs.getString("kind"),
                rs.getString("metric"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"),
                rs.getString("description"));
    }
}
