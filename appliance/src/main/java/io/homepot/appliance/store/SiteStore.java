package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** All SQL for {@code sites}. Deleting a site cascades to its devices and their data. */
public final class SiteStore {
    private static final String COLS = "id, name, address, timezone, demo, created_at";
    private final Database db;

    public SiteStore(Database db) {
        this.db = db;
    }

    public List<Site> list() {
        return db.read(c -> Sql.query(c, "SELECT " + COLS + " FROM sites ORDER BY id", SiteStore::map));
    }

    public Optional<Site> get(long id) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT " + COLS + " FROM sites WHERE id = ?", SiteStore::map, id)));
    }

    public Optional<Site> findByName(String name) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT " + COLS + " FROM sites WHERE name = ?", SiteStore::map, name)));
    }

    /** Finds the demo site, if seeded. */
    public Optional<Site> findDemo() {
        return Optional.ofNullable(db.read(c -> Sql.one(c,
                "SELECT " + COLS + " FROM sites WHERE demo = TRUE ORDER BY id LIMIT 1", SiteStore::map)));
    }

    public Site create(String name, String address, String timezone, boolean demo) {
        return db.inTransaction(c -> create(c, name, address, timezone, demo));
    }

    public Site create(Connection c, String name, String address, String timezone, boolean demo) throws SQLException {
        long id = Sql.insert(c, "INSERT INTO sites (name, address, timezone, demo) VALUES (?, ?, ?, ?)",
                name, Sql.orNull(address), timezone == null ? "UTC" : timezone, demo);
        return Sql.one(c, "SELECT " + COLS + " FROM sites WHERE id = ?", SiteStore::map, id);
    }

    /** Updates name/address/timezone; empty when the site does not exist. */
    public Optional<Site> update(long id, String name, String address, String timezone) {
        return Optional.ofNullable(db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE sites SET name = ?, address = ?, timezone = ? WHERE id = ?",
                    name, Sql.orNull(address), timezone, id);
            return n == 0 ? null : Sql.one(c, "SELECT " + COLS + " FROM sites WHERE id = ?", SiteStore::map, id);
        }));
    }

    /**
     * Deletes a site with its devices, samples, events and AI rows. Large tables are cleared explicitly
     * first (one set-based delete each) rather than relying on row-by-row cascades.
     */
    public boolean delete(long id) {
        return db.inTransaction(c -> {
            String devs = "(SELECT id FROM devices WHERE site_id = ?)";
            Sql.update(c, "DELETE FROM metric_samples WHERE device_id IN " + devs, id);
            Sql.update(c, "DELETE FROM device_events WHERE device_id IN " + devs, id);
            return Sql.update(c, "DELETE FROM sites WHERE id = ?", id) > 0;
        });
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM sites"));
    }

    static Site map(ResultSet rs) throws SQLException {
        return new Site(rs.getLong("id"), rs.getString("name"), rs.getString("address"), rs.getString("timezone"),
                rs.getBoolean("demo"), Sql.instant(rs, "created_at"));
    }
}
