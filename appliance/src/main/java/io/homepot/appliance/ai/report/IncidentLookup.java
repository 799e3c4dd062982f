package io.homepot.appliance.ai.report;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Sql;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What a report's incident list adds to the facts' anomalies: the device's health and status when the
 * anomaly opened (the anomaly row) and the resolution recorded on its incident ({@code ai_incident_patterns},
 * linked by {@code details.incident_id}). Two small queries per report.
 */
final class IncidentLookup {
    private final Database db;

    IncidentLookup(Database db) {
        this.db = db;
    }

    /**
     * @param healthScore device health when the anomaly opened
     * @param resolution  recorded resolution, or {@code null} while open
     */
    record Info(long anomalyId, Long incidentId, Double healthScore, String status, String resolution, Instant resolvedAt) {
    }

    /** Info per anomaly id (ids without a row are absent). */
    Map<Long, Info> find(Collection<Long> anomalyIds) {
        Map<Long, Info> out = new HashMap<>();
        if (anomalyIds.isEmpty()) {
            return out;
        }
        List<Object> ids = new ArrayList<>(anomalyIds);
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        record Row(long id, double health, String status, Long incidentId) {
        }
        List<Row> rows = db.read(c -> Sql.query(c, "SELECT id, health_score, status, details FROM ai_anomaly_logs WHERE id IN ("
                + in + ")", rs -> new Row(rs.getLong("id"), rs.getDouble("health_score"), rs.getString("status"),
                incidentId(rs.getString("details"))), ids.toArray()));
        List<Object> incIds = new ArrayList<>(rows.stream().map(Row::incidentId).filter(java.util.Objects::nonNull).distinct().toList());
        record Inc(String resolution, Instant resolvedAt) {
        }
        Map<Long, Inc> incs = new HashMap<>();
        if (!incIds.isEmpty()) {
            String in2 = String.join(", ", java.util.Collections.nCopies(incIds.size(), "?"));
            db.read(c -> Sql.query(c, "SELECT id, resolution, resolved_at FROM ai_incident_patterns WHERE id IN (" + in2 + ")",
                    rs -> incs.put(rs.getLong("id"), new Inc(rs.getString("resolution"), Sql.instant(rs, "resolved_at"))),
                    incIds.toArray()));
        }
        for (Row r : rows) {
            Inc i = r.incidentId() == null ? null : incs.get(r.incidentId());
            out.put(r.id(), new Info(r.id(), r.incidentId(), r.health(), r.status(), i == null ? null : i.resolution(),
                    i == null ? null : i.resolvedAt()));
        }
        return out;
    }

    private static Long incidentId(String details) {
        if (details == null || details.isBlank()) {
            return null;
        }
        try {
            JsonObject o = Json.createReader(new StringReader(details)).readObject();
            return o.containsKey("incident_id") && o.get("incident_id") instanceof jakarta.json.JsonNumber n ? n.longValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
