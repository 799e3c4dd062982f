package io.homepot.appliance.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.homepot.appliance.ai.facts.StatsDao;
import io.homepot.appliance.ai.facts.StatsDao.SeriesAgg;
import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.store.Database;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Sql;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;
import io.homepot.appliance.testing.RunningAppliance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StatsDao#periodStats} and {@link StatsDao#uptime} (which split long windows into head, cached whole-hour
 * body and tail) against one direct query over the whole window, on a real H2 file database with several days of
 * irregular per-minute samples.
 */
class StatsDaoTest {
    private static Path dir;
    private static Database db;
    private static long dev1;
    private static long dev2;
    private static Instant now;

    @BeforeAll
    static void seed() throws Exception {
        dir = Files.createTempDirectory("homepot-statsdao");
        db = Database.open(DbConfig.embedded(), dir);
        Stores stores = Stores.over(db);
        Site site = stores.sites().create("Building S", null, "UTC", false);
        DeviceType type = stores.deviceTypes().ensure("stats_sensor_t", "Stats sensor", null,
                List.of(new MetricDefinition("temperature", "°C", 18.0, 27.0, Thresholds.NONE),
                        new MetricDefinition("humidity", "%", 30.0, 60.0, Thresholds.NONE)));
        Device d1 = stores.devices().create(new NewDevice(site.id(), type.id(), "S1", "lab", List.of(), Map.of(), "unknown", false));
        Device d2 = stores.devices().create(new NewDevice(site.id(), type.id(), "S2", "lab", List.of(), Map.of(), "unknown", false));
        dev1 = d1.id();
        dev2 = d2.id();
        now = Instant.now();
        Instant start = now.minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
        Random rnd = new Random(4711);
        List<Sample> samples = new ArrayList<>();
        for (Instant m = start; !m.isAfter(now); m = m.plusSeconds(60)) {
            long hoursAgo = Duration.between(m, now).toHours();
            // dev1/temperature: every minute but a few, at random seconds, with a silent 5-hour stretch 2 days ago
            if (!(hoursAgo >= 48 && hoursAgo < 53) && rnd.nextInt(20) != 0) {
                samples.add(new Sample(dev1, "temperature", m.plusSeconds(rnd.nextInt(60)).plusMillis(rnd.nextInt(1000)),
                        20 + rnd.nextGaussian() * 3 + rnd.nextDouble() / 7));
            }
            // dev1/humidity: sparse (about one sample in 25 minutes)
            if (rnd.nextInt(25) == 0) {
                samples.add(new Sample(dev1, "humidity", m.plusSeconds(rnd.nextInt(60)), 45 + rnd.nextGaussian() * 8));
            }
            // dev2/temperature: exactly on the minute (samples on hour boundaries)
            samples.add(new Sample(dev2, "temperature", m, rnd.nextInt(2000) / 100.0 - 3.3));
        }
        db.inTransaction(c -> {
            stores.samples().insert(c, samples);
            return null;
        });
    }

    @AfterAll
    static void cleanup() {
        if (db != null) {
            db.close();
        }
        RunningAppliance.deleteTree(dir);
    }

    /** The window periodStats uses: {@code [from, to)} widened to whole minutes. */
    private static Instant[] widen(Instant from, Instant to) {
        Instant f = from.truncatedTo(ChronoUnit.MINUTES);
        Instant t = to.truncatedTo(ChronoUnit.MINUTES).plusSeconds(to.getNano() == 0 && to.getEpochSecond() % 60 == 0 ? 0 : 60);
        return new Instant[] {f, t};
    }

    /** One direct aggregate query over the whole window (the original computation). */
    private static SeriesAgg direct(long id, String metric, Instant from, Instant to) {
        Instant[] w = widen(from, to);
        return db.read(c -> Sql.one(c, "SELECT AVG(value) AS avg_v, MIN(value) AS min_v, MAX(value) AS max_v, COUNT(*) AS n, "
                + "MAX(ts) AS last_ts, (SELECT s.value FROM metric_samples s WHERE s.device_id = ? AND s.metric = ? "
                + "AND s.ts >= ? AND s.ts < ? ORDER BY s.ts DESC LIMIT 1) AS last_v FROM metric_samples "
                + "WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ?",
                rs -> rs.getLong("n") == 0 ? null : new SeriesAgg(id, metric, rs.getDouble("avg_v"), rs.getDouble("min_v"),
                        rs.getDouble("max_v"), rs.getLong("n"), Sql.instant(rs, "last_ts"), rs.getDouble("last_v")),
                id, metric, w[0], w[1], id, metric, w[0], w[1]));
    }

    private static void assertSame(StatsDao dao, Instant from, Instant to, String label) {
        Map<Long, List<String>> series = new LinkedHashMap<>();
        series.put(dev1, List.of("temperature", "humidity", "pressure"));
        series.put(dev2, List.of("temperature"));
        List<SeriesAgg> expected = new ArrayList<>();
        for (Map.Entry<Long, List<String>> e : series.entrySet()) {
            for (String m : e.getValue()) {
                SeriesAgg a = direct(e.getKey(), m, from, to);
                if (a != null) {
                    expected.add(a);
                }
            }
        }
        expected.sort(java.util.Comparator.comparingLong(SeriesAgg::deviceId).thenComparing(SeriesAgg::metric));
        List<SeriesAgg> actual = dao.periodStats(series, from, to);
        assertEquals(expected.size(), actual.size(), label + ": series " + actual);
        for (int i = 0; i < expected.size(); i++) {
            SeriesAgg x = expected.get(i);
            SeriesAgg a = actual.get(i);
            String l = label + " " + x.deviceId() + "/" + x.metric();
            assertEquals(x.deviceId(), a.deviceId(), l);
            assertEquals(x.metric(), a.metric(), l);
            assertEquals(x.n(), a.n(), l + " n");
            assertEquals(x.min(), a.min(), 0.0, l + " min");
            assertEquals(x.max(), a.max(), 0.0, l + " max");
            assertEquals(x.lastTs(), a.lastTs(), l + " lastTs");
            assertEquals(x.last(), a.last(), 0.0, l + " last");
            // the sum is added up in three parts instead of one run: equal up to floating-point rounding
            assertEquals(x.avg(), a.avg(), Math.abs(x.avg()) * 1e-12, l + " avg");
        }
    }

    @Test
    void splitWindowsMatchOneQuery() {
        StatsDao dao = new StatsDao(db);
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant[]> windows = new ArrayList<>();
        windows.add(new Instant[] {now.minus(Duration.ofDays(7)), now}); // "this week": before the first sample
        windows.add(new Instant[] {now.minus(Duration.ofDays(3)).plusSeconds(17), now.minus(Duration.ofHours(5)).plusMillis(1)});
        windows.add(new Instant[] {hour.minus(Duration.ofDays(2)), hour.minus(Duration.ofHours(3))}); // aligned: no head/tail
        windows.add(new Instant[] {hour.minus(Duration.ofHours(30)), hour}); // aligned, ends at the current hour
        windows.add(new Instant[] {hour.minus(Duration.ofHours(30)), hour.plus(Duration.ofDays(1))}); // ends in the future
        windows.add(new Instant[] {hour.minus(Duration.ofHours(4)).minusSeconds(60), hour.minus(Duration.ofHours(1))});
        windows.add(new Instant[] {now.minus(Duration.ofMinutes(90)), now}); // shorter than 2 h: one query
        windows.add(new Instant[] {hour.minus(Duration.ofHours(3)), hour.minus(Duration.ofHours(1))}); // exactly 2 h
        windows.add(new Instant[] {hour.minus(Duration.ofHours(3)).plusSeconds(600), hour.minus(Duration.ofHours(1)).plusSeconds(1800)});
        // head and tail in the silent stretch 48..53 h ago (empty), body with data; and a window with only silence
        Instant silentStart = now.minus(Duration.ofHours(53));
        windows.add(new Instant[] {silentStart.plus(Duration.ofMinutes(10)), silentStart.plus(Duration.ofHours(4)).plusSeconds(90)});
        windows.add(new Instant[] {silentStart.minus(Duration.ofHours(20)).plusSeconds(1234), silentStart.plus(Duration.ofMinutes(70))});
        windows.add(new Instant[] {now.minus(Duration.ofHours(80)).plusSeconds(2000), now.minus(Duration.ofHours(50)).plusSeconds(300)});
        windows.add(new Instant[] {now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(6))}); // before all data
        for (int round = 0; round < 2; round++) { // the second round is served by the body cache
            for (Instant[] w : windows) {
                assertSame(dao, w[0], w[1], "round " + round + " [" + w[0] + ", " + w[1] + ")");
            }
        }
        // a fresh dao (memo and body cache cold) with windows sharing bodies but differing in head and tail minutes
        StatsDao fresh = new StatsDao(db);
        for (int k = 0; k < 6; k++) {
            Instant from = hour.minus(Duration.ofDays(2)).minus(Duration.ofMinutes(7 * k + 1));
            Instant to = hour.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(11 * k + 3));
            assertSame(fresh, from, to, "shared body " + k);
        }
        assertFalse(dao.periodStats(Map.of(dev1, List.of("temperature")), now.minus(Duration.ofDays(7)), now).isEmpty());
    }

    /** Uptime over {@code [from, min(to, now))} with one query (the unsplit computation), or null without samples. */
    private static Double directUptime(long id, String metric, Instant from, Instant to, Instant at) {
        Instant end = to.isAfter(at) ? at : to;
        if (!from.isBefore(end)) {
            return null;
        }
        return db.read(c -> Sql.one(c, "SELECT MIN(ts) AS first_ts, COUNT(DISTINCT "
                + io.homepot.appliance.store.SampleStore.epochBucket(db.kind(), 300) + ") AS slots FROM metric_samples "
                + "WHERE device_id = ? AND metric = ? AND ts >= ? AND ts < ?", rs -> {
                    Instant first = Sql.instant(rs, "first_ts");
                    if (first == null) {
                        return null;
                    }
                    long expected = Math.max(1, end.getEpochSecond() / 300 - first.getEpochSecond() / 300 + 1);
                    return Math.min(100.0, 100.0 * rs.getLong("slots") / expected);
                }, id, metric, from, end));
    }

    @Test
    void splitUptimeMatchesOneQuery() {
        StatsDao dao = new StatsDao(db);
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant silentStart = now.minus(Duration.ofHours(53));
        List<Instant[]> windows = List.of(
                new Instant[] {now.minus(Duration.ofDays(7)), now},
                new Instant[] {now.minus(Duration.ofDays(3)).plusSeconds(17), now.minus(Duration.ofHours(5)).plusMillis(1)},
                new Instant[] {hour.minus(Duration.ofDays(2)), hour.minus(Duration.ofHours(3))},
                new Instant[] {hour.minus(Duration.ofHours(30)), hour.plus(Duration.ofDays(1))},
                new Instant[] {now.minus(Duration.ofMinutes(90)), now},
                new Instant[] {hour.minus(Duration.ofHours(3)).plusSeconds(610), hour.minus(Duration.ofHours(1)).plusSeconds(1799)},
                new Instant[] {silentStart.plus(Duration.ofMinutes(10)), silentStart.plus(Duration.ofHours(4)).plusSeconds(90)},
                new Instant[] {silentStart.minus(Duration.ofHours(20)).plusSeconds(1234), silentStart.plus(Duration.ofMinutes(70))},
                new Instant[] {now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(6))});
        Map<Long, String> primary = new LinkedHashMap<>();
        primary.put(dev1, "temperature");
        primary.put(dev2, "temperature");
        for (int round = 0; round < 2; round++) { // the second round is served by the body cache
            for (Instant[] w : windows) {
                String label = "round " + round + " [" + w[0] + ", " + w[1] + ")";
                for (String humidityOrTemp : List.of("temperature", "humidity")) {
                    Map<Long, String> series = humidityOrTemp.equals("humidity") ? Map.of(dev1, "humidity") : primary;
                    Map<Long, Double> actual = dao.uptime(series, w[0], w[1], now);
                    for (Map.Entry<Long, String> e : series.entrySet()) {
                        Double expected = directUptime(e.getKey(), e.getValue(), w[0], w[1], now);
                        assertEquals(expected, actual.get(e.getKey()), label + " " + e.getKey() + "/" + e.getValue());
                    }
                }
            }
        }
        Double week = dao.uptime(Map.of(dev1, "temperature"), now.minus(Duration.ofDays(7)), now, now).get(dev1);
        assertFalse(week == null || week >= 99.0, "dev1 has a silent 5-hour stretch: " + week);
    }
}
