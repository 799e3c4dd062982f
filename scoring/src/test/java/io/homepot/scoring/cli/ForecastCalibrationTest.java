package io.homepot.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ForecastCalibrationTest {
    private static final long T0 = 1_700_006_400_000L; // 2023-11-15 00:00 UTC

    /** Writes {@code days} of 5-minute points: a daily cycle 50 +/- 10 with noise 3, plus {@code shift} from day 7. */
    private static void write(Path file, int days, double shift, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < days * 288; i++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * (i % 288) / 288.0) + 3 * r.nextGaussian() + (i >= 6 * 288 ? shift : 0);
            b.append(Instant.ofEpochMilli(T0 + i * 300_000L).toString().replace('T', ' ').replace("Z", ""))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString());
    }

    @Test
    void eachDayAfterTheFirstTwoIsForecastAndScoredHourByHour(@TempDir Path tmp) throws Exception {
        write(tmp.resolve("data/a/steady.csv"), 10, 0, 1);
        ForecastCalibration.Tally t = new ForecastCalibration().run(tmp.resolve("data"));
        assertEquals(1, t.files);
        assertEquals(8, t.forecasts, "a forecast at the start of each day once 48 h are in: days 3 to 10");
        assertEquals(8 * 24, t.predictions(), "24 hours scored for each forecast");
        // a steady cycle is what the model describes: its band covers about what it says it covers
        assertTrue(t.coverage() > 0.75, "coverage " + t.coverage());
        assertEquals(t.coverage(), t.meanConfidence(), 0.12, "stated confidence vs coverage");
        // a steady series is covered about equally every day: the confidence cannot beat stating the coverage, but must
        // not be much worse (a constant 0.7 here would score about 0.13 against 0.09)
        assertTrue(t.brier() <= t.brierOfConstant() + 0.01, "Brier " + t.brier() + " vs " + t.brierOfConstant()
                + " for stating the coverage every time");
    }

    @Test
    void aLevelShiftIsMissedByTheBandsMadeBeforeItAndTheJsonSaysSo(@TempDir Path tmp) throws Exception {
        write(tmp.resolve("data/a/steady.csv"), 10, 0, 2);
        write(tmp.resolve("data/b/shifted.csv"), 10, 15, 2);
        ForecastCalibration cal = new ForecastCalibration();
        ForecastCalibration.Tally steady = cal.runFile(tmp.resolve("data/a/steady.csv"));
        ForecastCalibration.Tally shifted = cal.runFile(tmp.resolve("data/b/shifted.csv"));
        assertEquals(steady.predictions(), shifted.predictions());
        assertTrue(shifted.coverage() < steady.coverage() - 0.05, "a shift of 5 noise sigmas at day 7: coverage "
                + shifted.coverage() + " vs " + steady.coverage());
        Path out = tmp.resolve("out/cal.json");
        assertEquals(0, ScoringCli.run(new String[] {"calibration", tmp.resolve("data").toString(), out.toString()}));
        String json = Files.readString(out);
        assertTrue(json.contains("\"files\":2") && json.contains("\"predictions\":" + 2 * steady.predictions()), json);
        assertTrue(json.contains("\"expected_calibration_error\":") && json.contains("\"brier_of_constant\":")
                && json.contains("\"bins\":[{"), json);
    }
}
