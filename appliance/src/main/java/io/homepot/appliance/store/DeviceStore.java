package io.homepot.appliance.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** All SQL for {@code devices} and {@code device_thresholds}. */
public final class DeviceStore {
    private static final String SELECT = "SELECT d.id, d.site_id, d.device_type_id, t.code AS type_code, d.name, "
            + "d.location, d.tags, d.status, d.health_score, d.last_seen, d.demo, d.created_at "
            + "FROM devices d JOIN device_types t ON t.id = d.device_type_id";
    private final Database db;

    public DeviceStore(Database db) {
        this.db = db;
    }

    /** The metrics a device may report, and its type code, for ingest validation. */
    public record DeviceMetrics(long deviceId, String typeCode, Set<String> metrics) {
    }

    public Page<Device> list(DeviceQuery q) {
        return db.read(c -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            if (q.siteId() != null) {
                where.append(" AND d.site_id = ?");
                params.add(q.siteId());
            }
            if (q.typeCode() != null) {
                where.append(" AND t.code = ?");
                params.add(q.typeCode());
            }
            if (q.status() != null) {
                where.append(" AND d.status = ?");
                params.add(q.status());
            }
            if (q.q() != null && !q.q().isBlank()) {
                where.append(" AND LOWER(d.name) LIKE ?");
                params.add("%" + q.q().toLowerCase().replace("%", "").replace("_", "") + "%");
            }
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(q.limit());
            pageParams.add(q.offset());
            List<Device> rows = Sql.query(c, SELECT + where + " ORDER BY d.id LIMIT ? OFFSET ?", r -> map(r, Map.of()),
                    pageParams.toArray());
            // a first page that is not full holds every match: no second query for the total
            long total = q.offset() == 0 && rows.size() < q.limit() ? rows.size()
                    : Sql.count(c, "SELECT COUNT(*) FROM devices d JOIN device_types t ON t.id = d.device_type_id"
                            + where, params.toArray());
            return new Page<>(withThresholds(c, rows), total, q.limit(), q.offset());
        });
    }

    public Optional<Device> get(long id) {
        return Optional.ofNullable(db.read(c -> get(c, id)));
    }

    private Device get(Connection c, long id) throws SQLException {
        Device d = Sql.one(c, SELECT + " WHERE d.id = ?", r -> map(r, Map.of()), id);
        return d == null ? null : withThresholds(c, List.of(d)).getFirst();
    }

    public Device create(NewDevice nd) {
        return db.inTransaction(c -> create(c, nd));
    }

    public Device create(Connection c, NewDevice nd) throws SQLException {
        long id = Sql.insert(c, "INSERT INTO devices (site_id, device_type_id, name, location, tags, status, demo) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", nd.siteId(), nd.deviceTypeId(), nd.name(),
                Sql.orNull(nd.location()), String.join(",", nd.tags()), nd.status(), nd.demo());
        writeThresholds(c, id, nd.thresholds());
        return get(c, id);
    }

    /** Replaces the writable fields; empty when the device does not exist. */
    public Optional<Device> update(long id, NewDevice nd) {
        return Optional.ofNullable(db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE devices SET site_id = ?, device_type_id = ?, name = ?, location = ?, tags = ?, "
                            + "status = ? WHERE id = ?", nd.siteId(), nd.deviceTypeId(), nd.name(),
                    Sql.orNull(nd.location()), String.join(",", nd.tags()), nd.status(), id);
            if (n == 0) {
                return null;
            }
            Sql.update(c, "DELETE FROM device_thresholds WHERE device_id = ?", id);
            writeThresholds(c, id, nd.thresholds());
            return get(c, id);
        }));
    }

    /** Records a health assessment (used by the scoring engine). */
    public void updateHealth(long id, String status, Double healthScore) {
        db.inTransaction(c -> Sql.update(c, "UPDATE devices SET status = ?, health_score = ? WHERE id = ?",
                status, Sql.orNull(healthScore), id));
    }

    public boolean delete(long id) {
        return db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM metric_samples WHERE device_id = ?", id);
            return Sql.update(c, "DELETE FROM devices WHERE id = ?", id) > 0;
        });
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM devices"));
    }

    /** Allowed metrics for each of {@code ids} that exists (unknown ids are absent from the map). */
    public Map<Long, DeviceMetrics> metricsOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<Long, String> types = new HashMap<>();
            Map<Long, Set<String>> metrics = new HashMap<>();
            Long[] arr = ids.toArray(Long[]::new);
            for (int from = 0; from < arr.length; from += 500) {
                Long[] chunk = Arrays.copyOfRange(arr, from, Math.min(arr.length, from + 500));
                String in = Arrays.stream(chunk).map(x -> "?").collect(Collectors.joining(","));
                Sql.query(c, "SELECT d.id, t.code, m.name FROM devices d JOIN device_types t ON t.id = d.device_type_id "
                        + "LEFT JOIN metric_definitions m ON m.device_type_id = t.id WHERE d.id IN (" + in + ")", rs -> {
                            long id = rs.getLong(1);
                            types.put(id, rs.getString(2));
                            Set<String> set = metrics.computeIfAbsent(id, k -> new TreeSet<>());
                            if (rs.getString(3) != null) {
                                set.add(rs.getString(3));
                            }
                            return null;
                        }, (Object[]) chunk);
            }
            Map<Long, DeviceMetrics> out = new HashMap<>();
            types.forEach((id, code) -> out.put(id, new DeviceMetrics(id, code, Set.copyOf(metrics.get(id)))));
            return out;
        });
    }

    /** Advances {@code last_seen} (never moves it backwards), in the caller's transaction. */
    public void touchLastSeen(Connection c, Map<Long, Instant> lastSeen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE devices SET last_seen = ? WHERE id = ? AND (last_seen IS NULL OR last_seen < ?)")) {
            for (Map.Entry<Long, Instant> e : lastSeen.entrySet()) {
                ps.setObject(1, Sql.ts(e.getValue()));
                ps.setLong(2, e.getKey());
                ps.setObject(3, Sql.ts(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeThresholds(Connection c, long id, Map<String, Thresholds> th) throws SQLException {
        for (Map.Entry<String, Thresholds> e : th.entrySet()) {
            Thresholds t = e.getValue();
            Sql.update(c, "INSERT INTO device_thresholds (device_id, metric, warn_low, warn_high, crit_low, crit_high) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", id, e.getKey(), Sql.orNull(t.warnLow()), Sql.orNull(t.warnHigh()),
                    Sql.orNull(t.critLow()), Sql.orNull(t.critHigh()));
        }
    }

    private static List<Device> withThresholds(Connection c, List<Device> devices) throws SQLException {
        if (devices.isEmpty()) {
            return devices;
        }
        String in = devices.stream().map(d -> "?").collect(Collectors.joining(","));
        Map<Long, Map<String, Thresholds>> th = new HashMap<>();
        Sql.query(c, "SELECT device_id, metric, warn_low, warn_high, crit_low, crit_high FROM device_thresholds "
                + "WHERE device_id IN (" + in + ")", rs -> th.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), new Thresholds(Sql.doubleOrNull(rs, "warn_low"), Sql.doubleOrNull(rs, "warn_high"),
                        Sql.doubleOrNull(rs, "crit_low"), Sql.doubleOrNull(rs, "crit_high"))),
                devices.stream().map(Device::id).toArray());
        if (th.isEmpty()) {
            return devices;
        }
        return devices.stream().map(d -> new Device(d.id(), d.siteId(), d.deviceTypeId(), d.typeCode(), d.name(),
                d.location(), d.tags(), th.getOrDefault(d.id(), Map.of()), d.status(), d.healthScore(), d.lastSeen(),
                d.demo(), d.createdAt())).toList();
    }

    private static Device map(ResultSet rs, Map<String, Thresholds> th) throws SQLException {
        String tags = rs.getString("tags");
        List<String> tagList = tags == null || tags.isBlank() ? List.of() : List.of(tags.split(","));
        return new Device(rs.getLong("id"), rs.getLong("site_id"), rs.getLong("device_type_id"), rs.getString("type_code"),
                rs.getString("name"), rs.getString("location"), tagList, th, rs.getString("status"),
                Sql.doubleOrNull(rs, "health_score"), Sql.instant(rs, "last_seen"), rs.getBoolean("demo"),
                Sql.instant(rs, "created_at"));
    }
}
