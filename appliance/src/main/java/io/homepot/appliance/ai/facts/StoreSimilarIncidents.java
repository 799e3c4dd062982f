package io.homepot.appliance.ai.facts;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Sql;

/**
 * Fallback {@link SimilarIncidents} over {@code ai_incident_patterns} until the vector index is wired:
 * candidates are the site's latest 300 incidents; the score mixes word overlap with the query text
 * (0.5), same device (0.25), same category (0.15) and same device type (0.1). Ties go to resolved and
 * then more recent incidents.
 */
public final class StoreSimilarIncidents implements SimilarIncidents {
    private final Database db;

    public StoreSimilarIncidents(Database db) {
        this.db = db;
    }

    private record Row(long id, Long deviceId, String deviceName, Long typeId, java.time.Instant createdAt,
                       String description, String category, String severity, String resolution) {
    }

    @Override
    public List<SimilarIncident> find(Query q) {
        if (q.k() <= 0) {
            return List.of();
        }
        String sql = "SELECT p.id, p.device_id, d.name AS device_name, d.device_type_id, p.created_at, "
                + "p.pattern_description, p.category, p.severity, p.resolution FROM ai_incident_patterns p "
                + "LEFT JOIN devices d ON d.id = p.device_id"
                + (q.siteId() != null ? " WHERE d.site_id = ?" : "")
                + " ORDER BY p.created_at DESC, p.id DESC LIMIT 300";
        List<Row> rows = db.read(c -> Sql.query(c, sql, rs -> new Row(rs.getLong("id"), Sql.longOrNull(rs, "device_id"),
                rs.getString("device_name"), Sql.longOrNull(rs, "device_type_id"), Sql.instant(rs, "created_at"),
                rs.getString("pattern_description"), rs.getString("category"), rs.getString("severity"),
                rs.getString("resolution")), q.siteId() != null ? new Object[] {q.siteId()} : new Object[0]));
        Set<String> words = words(q.text());
        record Scored(Row r, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Row r : rows) {
            double s = 0;
            if (!words.isEmpty()) {
                Set<String> w = words(r.description());
                Set<String> inter = new HashSet<>(w);
                inter.retainAll(words);
                Set<String> union = new HashSet<>(w);
                union.addAll(words);
                s += union.isEmpty() ? 0 : 0.5 * inter.size() / union.size();
            }
            if (q.deviceId() != null && q.deviceId().equals(r.deviceId())) {
                s += 0.25;
            }
            if (q.category() != null && q.category().equalsIgnoreCase(r.category())) {
                s += 0.15;
            }
            if (q.deviceTypeId() != null && q.deviceTypeId().equals(r.typeId())) {
                s += 0.1;
            }
            if (s > 0.05) {
                scored.add(new Scored(r, Math.min(1.0, s)));
            }
        }
        scored.sort(Comparator.comparingDouble((Scored x) -> -Math.round(x.score() * 100) / 100.0)
                .thenComparing(x -> x.r().resolution() == null || x.r().resolution().isBlank())
                .thenComparing(x -> x.r().createdAt(), Comparator.nullsLast(Comparator.reverseOrder())));
        return scored.stream().limit(q.k()).map(x -> new SimilarIncident(x.r().id(), x.r().deviceId(),
                x.r().deviceName(), x.r().createdAt() == null ? null
                        : x.r().createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                x.r().description(), x.r().category(), x.r().severity(), x.r().resolution(),
                Math.round(x.score() * 100) / 100.0)).toList();
    }

    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "on", "in", "to", "and", "or", "is", "was",
            "with", "for", "at", "by", "its", "it", "from", "after", "than", "that", "this", "what", "which", "any");

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        if (text == null) {
            return out;
        }
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}
