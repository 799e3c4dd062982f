package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL for {@code device_types} and their {@code metric_definitions}. */
public final class DeviceTypeStore {
    private final Database db;

    public DeviceTypeStore(Database db) {
        this.db = db;
    }

    public List<DeviceType> list() {
        return db.read(c -> load(c, null, null));
    }

    public Optional<DeviceType> get(long id) {
        return db.read(c -> load(c, id, null)).stream().findFirst();
    }

    public Optional<DeviceType> findByCode(String code) {
        return db.read(c -> load(c, null, code)).stream().findFirst();
    }

    /** Creates a type with its metric definitions, or returns the existing one with that code. */
    public DeviceType ensure(String code, String name, String description, List<MetricDefinition> metrics) {
        return db.inTransaction(c -> {
            List<DeviceType> existing = load(c, null, code);
            if (!existing.isEmpty()) {
                return existing.getFirst();
            }
            long id = Sql.insert(c, "INSERT INTO device_types (code, name, description) VALUES (?, ?, ?)",
                    code, name, Sql.orNull(description));
            for (MetricDefinition m : metrics) {
                Thresholds t = m.thresholds() == null ? Thresholds.NONE : m.thresholds();
                Sql.update(c, "INSERT INTO metric_definitions (device_type_id, name, unit, normal_min, normal_max, "
                                + "warn_low, warn_high, crit_low, crit_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id, m.name(), m.unit(), Sql.orNull(m.normalMin()), Sql.orNull(m.normalMax()),
                        Sql.orNull(t.warnLow()), Sql.orNull(t.warnHigh()), Sql.orNull(t.critLow()), Sql.orNull(t.critHigh()));
            }
            return load(c, id, null).getFirst();
        });
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM device_types"));
    }

    private static List<DeviceType> load(Connection c, Long id, String code) throws SQLException {
        String where = id != null ? " WHERE t.id = ?" : code != null ? " WHERE t.code = ?" : "";
        Object[] params = id != null ? new Object[] {id} : code != null ? new Object[] {code} : new Object[0];
        record Row(long id, String code, String name, String desc, MetricDefinition metric) {
        }
        List<Row> rows = Sql.query(c, "SELECT t.id, t.code, t.name, t.description, m.name AS m_name, m.unit, "
                + "m.normal_min, m.normal_max, m.warn_low, m.warn_high, m.crit_low, m.crit_high "
                + "FROM device_types t LEFT JOIN metric_definitions m ON m.device_type_id = t.id" + where
                + " ORDER BY t.id, m.id", rs -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                rs.getString("description"), rs.getString("m_name") == null ? null : metric(rs)), params);
        Map<Long, List<Row>> byType = new LinkedHashMap<>();
        rows.forEach(r -> byType.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r));
        List<DeviceType> out = new ArrayList<>();
        byType.forEach((tid, rs) -> {
            Row first = rs.getFirst();
            List<MetricDefinition> ms = rs.stream().map(Row::metric).filter(m -> m != null).toList();
            out.add(new DeviceType(tid, first.code(), first.name(), first.desc(), ms));
        });
        return out;
    }

    private static MetricDefinition metric(ResultSet rs) throws SQLException {
        return new MetricDefinition(rs.getString("m_name"), rs.getString("unit"),
                Sql.doubleOrNull(rs, "normal_min"), Sql.doubleOrNull(rs, "normal_max"),
                new Thresholds(Sql.doubleOrNull(rs, "warn_low"), Sql.doubleOrNull(rs, "warn_high"),
                        Sql.doubleOrNull(rs, "crit_low"), Sql.doubleOrNull(rs, "crit_high")));
    }
}
