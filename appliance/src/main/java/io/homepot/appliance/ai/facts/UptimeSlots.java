package io.homepot.appliance.ai.facts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.SampleStore;
import io.homepot.appliance.store.Sql;

/**
 * Uptime as seen by the appliance: the share (0..100) of 5-minute slots between a series' first sample in the
 * window and {@code min(to, now)} that hold at least one sample. Slot counts of disjoint ranges that meet on a
 * whole hour add up exactly (an hour is 12 slots), so a long window is counted as head + whole-hour body + tail,
 * and the body, made of complete past hours only, is cached per (device, metric, body range) for
 * {@link #BODY_MAX_AGE} (so late samples are picked up) like the period statistics' bodies.
 */
final class UptimeSlots {
    /** Slot width in seconds. */
    static final long SLOT_SECONDS = 300;
    /** Age after which a cached body count is recomputed. */
    static final Duration BODY_MAX_AGE = Duration.ofMinutes(10);
    /** Body counts kept at most (expired ones are dropped first, then all when still exceeded). */
    static final int BODY_CACHE_MAX = 20_000;

    /** First sample time and distinct slot count of one series over one range ({@code first == null}: none). */
    private record Slots(Instant first, long slots) {
        static final Slots NONE = new Slots(null, 0);

        /** Combines with the slots of a disjoint range meeting this one on a slot boundary. */
        Slots plus(Slots o) {
            Instant f = first == null ? o.first : o.first == null || first.isBefore(o.first) ? first : o.first;
            return new Slots(f, slots + o.slots);
        }
    }

    private record BodyEntry(Slots slots, long createdNanos) {
    }

    private final Database db;
    private final Clock clock;
    private final String sql;
    private final Map<String, BodyEntry> bodies = new ConcurrentHashMap<>();

    UptimeSlots(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sql = "SELECT MIN(ts) AS first_ts, COUNT(DISTINCT " + SampleStore.epochBucket(db.kind(), SLOT_SECONDS)
                + ") AS slots FROM metric_samples WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ?";
    }

    /**
     * Uptime per device over {@code [from, min(to, now))}; devices without a sample there are absent.
     *
     * @param primary the metric to count per device (its most regular series)
     */
    Map<Long, Double> uptime(Map<Long, String> primary, Instant from, Instant to, Instant now) {
        Map<Long, Double> out = new HashMap<>();
        Instant end = to.isAfter(now) ? now : to;
        if (!from.isBefore(end)) {
            return out;
        }
        Instant bf = ceilHour(from);
        Instant nowHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant eh = end.truncatedTo(ChronoUnit.HOURS);
        Instant bt = eh.isBefore(nowHour) ? eh : nowHour;
        boolean split = bf.isBefore(bt);
        long nowNanos = System.nanoTime();
        evict(nowNanos);
        db.read(c -> {
            for (Map.Entry<Long, String> e : primary.entrySet()) {
                long id = e.getKey();
                String metric = e.getValue();
                Slots s;
                if (!split) {
                    s = count(c, id, metric, from, end);
                } else {
                    String key = id + "|" + metric + "|" + bf + "|" + bt;
                    BodyEntry body = bodies.get(key);
                    if (body == null || nowNanos - body.createdNanos() > BODY_MAX_AGE.toNanos()) {
                        body = new BodyEntry(count(c, id, metric, bf, bt), nowNanos);
                        bodies.put(key, body);
                    }
                    s = body.slots();
                    if (from.isBefore(bf)) {
                        s = count(c, id, metric, from, bf).plus(s);
                    }
                    if (bt.isBefore(end)) {
                        s = s.plus(count(c, id, metric, bt, end));
                    }
                }
                if (s.first() != null) {
                    long expected = Math.max(1, (end.getEpochSecond() / SLOT_SECONDS)
                            - (s.first().getEpochSecond() / SLOT_SECONDS) + 1);
                    out.put(id, Math.min(100.0, 100.0 * s.slots() / expected));
                }
            }
            return null;
        });
        return out;
    }

    private Slots count(Connection c, long id, String metric, Instant from, Instant to) throws SQLException {
        Slots s = Sql.one(c, sql, rs -> new Slots(Sql.instant(rs, "first_ts"), rs.getLong("slots")), id, metric, from, to);
        return s == null || s.first() == null ? Slots.NONE : s;
    }

    private void evict(long nowNanos) {
        if (bodies.size() > BODY_CACHE_MAX) {
            bodies.values().removeIf(b -> nowNanos - b.createdNanos() > BODY_MAX_AGE.toNanos());
            if (bodies.size() > BODY_CACHE_MAX) {
                bodies.clear();
            }
        }
    }

    private static Instant ceilHour(Instant t) {
        Instant h = t.truncatedTo(ChronoUnit.HOURS);
        return h.equals(t) ? h : h.plusSeconds(3600);
    }
}
