package io.homepot.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

class NabRunnerTest {

    @Test
    void nabCommandScoresEveryCsvInCategoryLayout(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("catA"));
        Files.createDirectories(data.resolve("catB"));
        StringBuilder a = new StringBuilder("timestamp,value\n");
        int n = 2000;
        for (int i = 0; i < n; i++) {
            double v = 10 + Math.sin(i / 20.0) + (i == 1500 ? 25 : 0) + ((i * 7919) % 13) / 50.0;
            a.append(String.format(Locale.ROOT, "2014-04-%02d %02d:%02d:00,%.3f%n",
                    1 + i / 1440, (i / 60) % 24, i % 60, v));
        }
        Files.writeString(data.resolve("catA/spiky.csv"), a.toString());
        Files.writeString(data.resolve("catB/tiny.csv"), "timestamp,value\n2014-04-01 00:00:00,1\n"
                + "2014-04-01 00:05:00,nan\n2014-04-01 00:10:00,2\n");
        Path out = tmp.resolve("out");

        assertEquals(0, ScoringCli.run(new String[] {"nab", data.toString(), out.toString()}));

        List<String> rows = Files.readAllLines(out.resolve("catA/spiky.csv"));
        assertEquals("timestamp,value,anomaly_score,label,alert", rows.get(0));
        assertEquals(n + 1, rows.size());
        double max = 0;
        int maxAt = -1, alerts = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            assertEquals(5, f.length);
            double s = Double.parseDouble(f[2]);
            assertTrue(s >= 0 && s <= 1);
            assertEquals("0", f[3]);
            assertTrue(f[4].equals("0") || f[4].equals("1"));
            if (s > max) { max = s; maxAt = i - 1; }
            if (f[4].equals("1") && (i == 1 || rows.get(i - 1).endsWith(",0"))) alerts++;
        }
        assertEquals(1500, maxAt, "highest score at the spike");
        assertEquals(1, alerts, "one alert");
        assertTrue(rows.get(1501).endsWith(",1"), "alert on at the spike");
        assertEquals(4, Files.readAllLines(out.resolve("catB/tiny.csv")).size());
    }

    /**
     * Other exports of the same layout: a byte-order mark, columns in another order, a quoted field with a comma,
     * quoted epoch seconds.
     */
    @Test
    void headerWithBomOtherColumnOrderAndQuotedEpochSeconds(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data/site");
        Files.createDirectories(data);
        StringBuilder b = new StringBuilder("\uFEFFdevice,value,\"timestamp\"\n");
        for (int i = 0; i < 300; i++) {
            b.append("\"fan-1, roof\",").append(1200 + (i % 7)).append(",\"")
                    .append(1_396_310_400L + 60L * i).append(".0\"\n");
        }
        Files.writeString(data.resolve("fan.csv"), b.toString());
        Path out = tmp.resolve("out");
        assertEquals(0, ScoringCli.run(new String[] {"nab", tmp.resolve("data").toString(), out.toString()}));
        List<String> rows = Files.readAllLines(out.resolve("site/fan.csv"));
        assertEquals(301, rows.size(), "every row scored");
        assertTrue(rows.get(1).startsWith("2014-04-01 00:00:00,1200,"), rows.get(1)); // epoch in, NAB timestamps out
        assertTrue(rows.get(300).startsWith("2014-04-01 04:59:00,1205,"), rows.get(300));
    }

    @Test
    void badUsageReturnsExitCode2() throws Exception {
        assertEquals(2, ScoringCli.run(new String[] {"nab"}));
    }

    @Test
    void timestampFormats() {
        long t = TimestampParser.parseMillis("2014-04-01 00:00:00");
        assertEquals(1396310400000L, t);
        assertEquals(t, TimestampParser.parseMillis("2014-04-01T00:00:00"));
        assertEquals(t + 500, TimestampParser.parseMillis("2014-04-01 00:00:00.500000"));
        assertEquals(t, TimestampParser.parseMillis("1396310400"));
        assertEquals(t + 500, TimestampParser.parseMillis("1396310400.5"));
        assertEquals(t, TimestampParser.parseMillis("1396310400000"));
        assertEquals(t, TimestampParser.parseMillis("2014/04/01 00:00:00"));
        assertEquals(t, TimestampParser.parseMillis("2014-04-01 00:00"));
        assertEquals("2014-04-01 00:00:00.500000", TimestampParser.forResults("2014-04-01 00:00:00.500000", t + 500));
        assertEquals("2014-04-01 00:00:00.500", TimestampParser.forResults("1396310400.5", t + 500));
        assertEquals("2014-04-01 00:00:00", TimestampParser.forResults("2014-04-01T02:00:00+02:00", t));
        assertThrows(RuntimeException.class, () -> TimestampParser.parseMillis("12345678901234567890"));
        assertEquals(t, TimestampParser.parseMillis("2014-04-01T02:00:00+02:00"));
    }
}
