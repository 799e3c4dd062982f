package io.homepot.appliance.incidents;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Sql;

/**
 * Read-only SQL over {@code ai_incident_patterns} joined with {@code devices} and {@code device_types}, in the SQL
 * subset H2 and PostgreSQL share. Writes stay in {@link io.homepot.appliance.store.IncidentStore}.
 */
public final class IncidentRows {
    private static final String SELECT = "SELECT p.id, p.device_id, d.name AS device_name, d.site_id, "
            + "t.code AS type_code, p.pattern_description, p.category, p.severity, p.resolution, p.created_at, "
            + "p.resolved_at FROM ai_incident_patterns p LEFT JOIN devices d ON d.id = p.device_id "
            + "LEFT JOIN device_types t ON t.id = d.device_type_id";
    /** Rows per page when streaming the whole table. */
    static final int PAGE = 1000;
    private final Database db;

    public IncidentRows(Database db) {
        this.db = db;
    }

    public Optional<IncidentRow> get(long id) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, SELECT + " WHERE p.id = ?", IncidentRows::map, id)));
    }

    /** Rows with these ids, by id; ids without a row are absent from the map. */
    public Map<Long, IncidentRow> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // one primary-key lookup per id on one connection: an IN list with the joins made H2 scan the table
        return db.read(c -> {
            Map<Long, IncidentRow> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE p.id = ?")) {
                for (Long id : new LinkedHashSet<>(ids)) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.put(id, map(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Newest first; null filters are ignored. */
    public List<IncidentRow> list(Long siteId, Long deviceId, String category, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (siteId != null) {
            where.append(" AND d.site_id = ?");
            params.add(siteId);
        }
        if (deviceId != null) {
            where.append(" AND p.device_id = ?");
            params.add(deviceId);
        }
        if (category != null) {
            where.append(" AND p.category = ?");
            params.add(category);
        }
        params.add(limit);
        return db.read(c -> Sql.query(c, SELECT + where + " ORDER BY p.created_at DESC, p.id DESC LIMIT ?",
                IncidentRows::map, params.toArray()));
    }

    /** Device names by id (for search hits, whose index record carries only the id). */
    public Map<Long, String> deviceNames(Collection<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(deviceIds);
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<Long, String> out = new HashMap<>();
        db.read(c -> Sql.query(c, "SELECT id, name FROM devices WHERE id IN (" + in + ")",
                rs -> Map.entry(rs.getLong(1), rs.getString(2)), ids.toArray())).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Number of incidents. */
    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_incident_patterns"));
    }

    /** Every incident by ascending id, read lazily in pages of {@value #PAGE} (keyset pagination). */
    public Iterable<IncidentRow> all() {
        return () -> new Iterator<>() {
            private List<IncidentRow> page = List.of();
            private int pos;
            private long after = Long.MIN_VALUE;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (pos < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                long from = after;
                page = db.read(c -> Sql.query(c, SELECT + " WHERE p.id > ? ORDER BY p.id LIMIT ?", IncidentRows::map,
                        from, PAGE));
                pos = 0;
                last = page.size() < PAGE;
                if (!page.isEmpty()) {
                    after = page.getLast().id();
                }
                return !page.isEmpty();
            }

            @Override
            public IncidentRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(pos++);
            }
        };
    }

    static IncidentRow map(ResultSet rs) throws SQLException {
        return new IncidentRow(rs.getLong("id"), Sql.longOrNull(rs, "device_id"), rs.getString("device_name"),
                Sql.longOrNull(rs, "site_id"), rs.getString("type_code"), rs.getString("pattern_description"),
                rs.getString("category"), rs.getString("severity"), rs.getString("resolution"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "resolved_at"));
    }
}
