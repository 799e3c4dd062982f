package io.homepot.appliance.ai.facts;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Sql;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Set-based read queries the fact sheet needs over {@code metric_samples}, {@code device_events} and
 * {@code ai_anomaly_logs} (one statement per kind of fact for any number of devices, aggregation done in
 * SQL). Written in the SQL subset H2 and PostgreSQL share; epoch arithmetic uses inlined, validated
 * longs as {@code SampleStore.downsample} does.
 */
public final class StatsDao {
    private final Database db;

    /** Memoised series statistics kept at most (cleared when exceeded or when the data version changes). */
    static final int STATS_CACHE_MAX = 50_000;
    private final Map<String, java.util.concurrent.CompletableFuture<Optional<SeriesAgg>>> statsCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String statsVersion = "";

    /** Windows longer than this are split into head, whole-hour body and tail (the body's aggregate is cached). */
    static final java.time.Duration SPLIT_MIN = java.time.Duration.ofHours(2);
    /** Body aggregates kept at most (expired entries are dropped first, then all when still exceeded). */
    static final int BODY_CACHE_MAX = 20_000;
    /** Age after which a cached body aggregate is recomputed, so late samples in past hours are picked up. */
    static final long BODY_MAX_AGE_NANOS = java.time.Duration.ofMinutes(10).toNanos();
    /** Aggregates of complete past hours per (device, metric, bodyFrom, bodyTo); NOT cleared on data-version changes. */
    private final Map<String, BodyEntry> bodyCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.time.Clock clock;
    private final UptimeSlots uptime;

    /** Parsed anomaly-log rows kept at most (cleared when exceeded); rows are never updated once written. */
    static final int ANOMALY_CACHE_MAX = 50_000;
    private final Map<Long, AnomalyFact> anomalyCache = new java.util.concurrent.ConcurrentHashMap<>();

    public StatsDao(Database db) {
        this(db, java.time.Clock.systemUTC());
    }

    /** @param clock decides which hours are complete (only hours before the current one are cached) */
    public StatsDao(Database db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
        this.uptime = new UptimeSlots(db, clock);
    }

    /** Sum/min/max/count/last of one series over {@code [from, to)}: the unit that head, body and tail combine. */
    private static final String PART_SQL = "SELECT SUM(value) AS sum_v, MIN(value) AS min_v, MAX(value) AS max_v, "
            + "COUNT(*) AS n, MAX(ts) AS last_ts, (SELECT s.value FROM metric_samples s WHERE s.device_id = ? AND "
            + "s.metric = ? AND s.ts >= ? AND s.ts < ? ORDER BY s.ts DESC LIMIT 1) AS last_v FROM metric_samples "
            + "WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ?";

    /** Exactly combinable aggregate of one series over one time range ({@code n > 0}). */
    private record Part(double sum, double min, double max, long n, Instant lastTs, double last) {
        /** Combines with a part of a strictly later, disjoint range. */
        Part then(Part later) {
            if (later == null) {
                return this;
            }
            return new Part(sum + later.sum, Math.min(min, later.min), Math.max(max, later.max), n + later.n,
                    later.lastTs, later.last);
        }

        SeriesAgg agg(long deviceId, String metric) {
            return new SeriesAgg(deviceId, metric, sum / n, min, max, n, lastTs, last);
        }
    }

    private record BodyEntry(Part part, long createdNanos) {
    }

    /** Aggregates of one (device, metric) series over a window. */
    public record SeriesAgg(long deviceId, String metric, double avg, double min, double max, long n, Instant lastTs,
                            double last) {
    }

    /**
     * Avg/min/max/count/last per (device, metric) over {@code [from, to)} widened to whole minutes: one indexed
     * statement per series (on H2 several times faster than one {@code IN (...) GROUP BY} over all devices).
     * Results are memoised per (series, window) until the {@link #dataVersion() data version} changes, so
     * different questions about the same devices and period within a minute of each other share the work; a series
     * another request is computing right now is waited for, not computed twice.
     *
     * @param series metric names per device id
     */
    public List<SeriesAgg> periodStats(Map<Long, ? extends Collection<String>> series, Instant from, Instant to) {
        return periodStats(series, from, to, dataVersion());
    }

    /** {@link #periodStats(Map, Instant, Instant)} with the {@link #dataVersion()} the caller has just read. */
    public List<SeriesAgg> periodStats(Map<Long, ? extends Collection<String>> series, Instant from, Instant to,
                                       String version) {
        if (!version.equals(statsVersion)) {
            synchronized (statsCache) {
                if (!version.equals(statsVersion)) {
                    statsCache.clear();
                    statsVersion = version;
                }
            }
        }
        if (statsCache.size() > STATS_CACHE_MAX) {
            statsCache.clear();
        }
        Instant f = from.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant t = to.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(to.getNano() == 0 && to.getEpochSecond() % 60 == 0 ? 0 : 60);
        Map<Long, List<String>> missing = new java.util.LinkedHashMap<>();
        Map<String, java.util.concurrent.CompletableFuture<Optional<SeriesAgg>>> mine = new HashMap<>();
        List<java.util.concurrent.CompletableFuture<Optional<SeriesAgg>>> all = new ArrayList<>();
        for (Map.Entry<Long, ? extends Collection<String>> e : series.entrySet()) {
            for (String metric : e.getValue()) {
                String key = e.getKey() + "|" + metric + "|" + f + "|" + t;
                var fut = statsCache.get(key);
                if (fut == null) {
                    var created = new java.util.concurrent.CompletableFuture<Optional<SeriesAgg>>();
                    fut = statsCache.putIfAbsent(key, created);
                    if (fut == null) {
                        fut = created;
                        mine.put(e.getKey() + "|" + metric, created);
                        missing.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(metric);
                    }
                }
                all.add(fut);
            }
        }
        if (!missing.isEmpty()) {
            try {
                Map<String, SeriesAgg> fresh = new HashMap<>();
                for (SeriesAgg a : split(f, t) ? querySplit(missing, f, t) : query(missing, f, t)) {
                    fresh.put(a.deviceId() + "|" + a.metric(), a);
                }
                mine.forEach((series1, fut) -> fut.complete(Optional.ofNullable(fresh.get(series1))));
            } catch (RuntimeException e) {
                mine.forEach((series1, fut) -> {
                    statsCache.remove(series1 + "|" + f + "|" + t, fut);
                    fut.completeExceptionally(e);
                });
                throw e;
            }
        }
        List<SeriesAgg> out = new ArrayList<>();
        for (var fut : all) {
            try {
                fut.join().ifPresent(out::add);
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        out.sort(java.util.Comparator.comparingLong(SeriesAgg::deviceId).thenComparing(SeriesAgg::metric));
        return out;
    }

    /** Hour at or after {@code t}. */
    private static Instant ceilHour(Instant t) {
        Instant h = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return h.equals(t) ? h : h.plusSeconds(3600);
    }

    /** The body {@code [ceilHour(f), min(floorHour(t), floorHour(now)))}: whole hours that are already complete. */
    private Instant bodyTo(Instant t) {
        Instant nowHour = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant th = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return th.isBefore(nowHour) ? th : nowHour;
    }

    private boolean split(Instant f, Instant t) {
        return java.time.Duration.between(f, t).compareTo(SPLIT_MIN) > 0 && ceilHour(f).isBefore(bodyTo(t));
    }

    /**
     * Same results as {@link #query} for a long window, computed as head {@code [f, bodyFrom)}, the whole-hour body
     * and the tail {@code [bodyTo, t)} (queried fresh, at most about an hour of rows while {@code t} is not in the
     * future). Head and body lie before the current hour, so both come from {@link #bodyCache} (queried and cached
     * when absent or older than {@link #BODY_MAX_AGE_NANOS}): the head changes once a minute as the window slides,
     * the body once an hour. The average is total sum / total count.
     */
    private List<SeriesAgg> querySplit(Map<Long, ? extends Collection<String>> series, Instant f, Instant t) {
        Instant bf = ceilHour(f);
        Instant bt = bodyTo(t);
        long now = System.nanoTime();
        if (bodyCache.size() > BODY_CACHE_MAX) {
            bodyCache.values().removeIf(e -> now - e.createdNanos() > BODY_MAX_AGE_NANOS);
            if (bodyCache.size() > BODY_CACHE_MAX) {
                bodyCache.clear();
            }
        }
        return db.read(c -> {
            List<SeriesAgg> out = new ArrayList<>();
            for (Map.Entry<Long, ? extends Collection<String>> e : series.entrySet()) {
                for (String metric : e.getValue()) {
                    long id = e.getKey();
                    String key = id + "|" + metric + "|" + bf + "|" + bt;
                    BodyEntry be = cachedPart(c, key, id, metric, bf, bt, now);
                    Part head = f.isBefore(bf) ? cachedPart(c, "head|" + id + "|" + metric + "|" + f + "|" + bf, id, metric,
                            f, bf, now).part() : null;
                    Part tail = bt.isBefore(t) ? part(c, id, metric, bt, t) : null;
                    Part all = null;
                    for (Part p : new Part[] {head, be.part(), tail}) {
                        if (p != null) {
                            all = all == null ? p : all.then(p);
                        }
                    }
                    if (all != null) {
                        out.add(all.agg(id, metric));
                    }
                }
            }
            return out;
        });
    }

    /** The cached part of a complete past range, queried when absent or older than {@link #BODY_MAX_AGE_NANOS}. */
    private BodyEntry cachedPart(Connection c, String key, long id, String metric, Instant from, Instant to, long now)
            throws SQLException {
        BodyEntry be = bodyCache.get(key);
        if (be == null || now - be.createdNanos() > BODY_MAX_AGE_NANOS) {
            be = new BodyEntry(part(c, id, metric, from, to), now);
            bodyCache.put(key, be);
        }
        return be;
    }

    private List<SeriesAgg> query(Map<Long, ? extends Collection<String>> series, Instant from, Instant to) {
        return db.read(c -> {
            List<SeriesAgg> out = new ArrayList<>();
            for (Map.Entry<Long, ? extends Collection<String>> e : series.entrySet()) {
                for (String metric : e.getValue()) {
                    Part p = part(c, e.getKey(), metric, from, to);
                    if (p != null) {
                        out.add(p.agg(e.getKey(), metric));
                    }
                }
            }
            return out;
        });
    }

    /** Sum/min/max/count/last of one series over {@code [from, to)}, or null when it has no sample there. */
    private static Part part(Connection c, long id, String metric, Instant from, Instant to) throws SQLException {
        return Sql.one(c, PART_SQL, rs -> rs.getLong("n") == 0 ? null : new Part(rs.getDouble("sum_v"),
                rs.getDouble("min_v"), rs.getDouble("max_v"), rs.getLong("n"), Sql.instant(rs, "last_ts"),
                rs.getDouble("last_v")), id, metric, from, to, id, metric, from, to);
    }

    /**
     * Share (0..100) of 5-minute slots between each series' first sample in the window and
     * {@code min(to, now)} that hold at least one sample: the uptime as seen by the appliance.
     *
     * @param primary the metric to count per device (its most regular series)
     */
    public Map<Long, Double> uptime(Map<Long, String> primary, Instant from, Instant to, Instant now) {
        return uptime.uptime(primary, from, to, now);
    }

    /**
     * Anomaly-log rows of the devices in {@code [from, to)}, newest first. Rows are immutable once written, so each
     * row's JSON columns are parsed once and the resulting fact is reused by id.
     */
    public List<AnomalyFact> anomalies(Collection<Long> ids, Instant from, Instant to, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> p = new ArrayList<>(ids);
        p.add(from);
        p.add(to);
        p.add(limit);
        String sql = "SELECT id, device_id, created_at, metric, metrics, details, score, severity, category, status "
                + "FROM ai_anomaly_logs WHERE device_id IN (" + in(ids) + ") AND created_at >= ? AND created_at < ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ?";
        if (anomalyCache.size() > ANOMALY_CACHE_MAX) {
            anomalyCache.clear();
        }
        return db.read(c -> Sql.query(c, sql, rs -> {
            AnomalyFact known = anomalyCache.get(rs.getLong("id"));
            if (known != null) {
                return known;
            }
            String metric = rs.getString("metric");
            JsonObject metrics = parse(rs.getString("metrics"));
            JsonObject details = parse(rs.getString("details"));
            Double value = num(metrics, metric);
            if (value == null) {
                value = num(details, "value");
            }
            String severity = rs.getString("severity");
            AnomalyFact a = new AnomalyFact(rs.getLong("id"), rs.getLong("device_id"), Sql.instant(rs, "created_at"),
                    metric, value, num(details, "expected"), Sql.doubleOrNull(rs, "score"),
                    severity == null ? rs.getString("status") : severity, rs.getString("category"),
                    str(details, "kind"), firstStr(details, "explanation", "description", "message"));
            anomalyCache.put(a.id(), a);
            return a;
        }, p.toArray()));
    }

    /** Anomaly counts per device in {@code [from, to)}. */
    public Map<Long, Long> anomalyCounts(Collection<Long> ids, Instant from, Instant to) {
        return counts("ai_anomaly_logs", "created_at", ids, from, to, "");
    }

    /** Event counts per device in {@code [from, to)}. */
    public Map<Long, Long> eventCounts(Collection<Long> ids, Instant from, Instant to) {
        return counts("device_events", "ts", ids, from, to, "");
    }

    /** Warning and critical device events in {@code [from, to)}, newest first. */
    public List<AnomalyFact> notableEvents(Collection<Long> ids, Instant from, Instant to, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> p = new ArrayList<>(ids);
        p.add(from);
        p.add(to);
        p.add(limit);
        String sql = "SELECT id, device_id, ts, kind, severity, message, value FROM device_events WHERE device_id IN ("
                + in(ids) + ") AND ts >= ? AND ts < ? AND severity IN ('warning', 'critical') ORDER BY ts DESC, id DESC LIMIT ?";
        return db.read(c -> Sql.query(c, sql, rs -> new AnomalyFact(null, rs.getLong("device_id"), Sql.instant(rs, "ts"),
                "event." + rs.getString("kind"), Sql.doubleOrNull(rs, "value"), null, null, rs.getString("severity"),
                null, rs.getString("kind"), rs.getString("message")), p.toArray()));
    }

    /**
     * A cheap fingerprint of everything an answer depends on: newest sample time per device, anomaly,
     * event and incident ids, resolutions and stored health. Changes whenever data arrives or is scored.
     */
    public String dataVersion() {
        return db.read(c -> Sql.one(c, "SELECT (SELECT MAX(last_seen) FROM devices) AS ls, "
                + "(SELECT COUNT(*) FROM devices) AS nd, (SELECT SUM(health_score) FROM devices) AS hs, "
                + "(SELECT MAX(id) FROM ai_anomaly_logs) AS an, (SELECT MAX(id) FROM device_events) AS ev, "
                + "(SELECT MAX(id) FROM ai_incident_patterns) AS inc, (SELECT MAX(resolved_at) FROM ai_incident_patterns) AS res",
                rs -> rs.getString("ls") + "|" + rs.getLong("nd") + "|" + rs.getString("hs") + "|" + rs.getLong("an")
                        + "|" + rs.getLong("ev") + "|" + rs.getLong("inc") + "|" + rs.getString("res")));
    }

    private Map<Long, Long> counts(String table, String tsCol, Collection<Long> ids, Instant from, Instant to,
                                   String extra) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Object> p = new ArrayList<>(ids);
        p.add(from);
        p.add(to);
        db.read(c -> Sql.query(c, "SELECT device_id, COUNT(*) AS n FROM " + table + " WHERE device_id IN (" + in(ids)
                + ") AND " + tsCol + " >= ? AND " + tsCol + " < ?" + extra + " GROUP BY device_id",
                rs -> out.put(rs.getLong(1), rs.getLong(2)), p.toArray()));
        return out;
    }

    private static String in(Collection<Long> ids) {
        return ids.stream().map(x -> "?").collect(Collectors.joining(","));
    }

    static JsonObject parse(String text) {
        if (text == null || text.isBlank() || text.charAt(0) != '{') {
            return null;
        }
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Double num(JsonObject o, String key) {
        if (o == null || key == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }

    static String str(JsonObject o, String key) {
        if (o == null) {
            return null;
        }
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static String firstStr(JsonObject o, String... keys) {
        for (String k : keys) {
            String s = str(o, k);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
