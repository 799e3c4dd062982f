package io.homepot.appliance.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import io.homepot.scoring.health.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version 2 snapshot carries drift and threshold state; a version 1 file is ignored (start fresh). */
class DetectorBankTest {
    @Test
    void driftAndThresholdStateRoundTrip(@TempDir Path dir) throws Exception {
        DetectorBank bank = new DetectorBank();
        SeriesState s = bank.get(new SeriesKey(7, "fan_rpm"));
        Thresholds lim = new Thresholds(800, 1800, 600, 2000);
        long t0 = 1_764_000_000_000L;
        for (int i = 0; i < 3 * 1440; i++) {
            long t = t0 + i * 60_000L;
            double v = 1200 + 100 * Math.sin(i / 229.0) - (i > 4000 ? 500 : 0);
            s.update(t, v);
            s.updateDrift(t, v);
            s.threshold.update(t, v, lim);
        }
        assertTrue(s.threshold.open > 0, "the test ends inside an excursion");
        Path file = dir.resolve("detectors.bin");
        bank.save(file);
        DetectorBank back = new DetectorBank();
        assertTrue(back.load(file));
        SeriesState r = back.peek(new SeriesKey(7, "fan_rpm"));
        assertArrayEquals(s.detector.snapshot(), r.detector.snapshot());
        assertArrayEquals(s.drift.snapshot(), r.drift.snapshot());
        assertEquals(s.threshold.open, r.threshold.open);
        assertEquals(s.threshold.insideSince, r.threshold.insideSince);
        assertEquals(s.lastTs, r.lastTs);
    }

    @Test
    void versionOneFileStartsFresh(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(DetectorBank.MAGIC);
        out.writeInt(1);
        out.writeLong(System.currentTimeMillis());
        out.writeInt(0);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(buf.toByteArray());
        out.writeLong(crc.getValue());
        Path file = dir.resolve("detectors.bin");
        Files.write(file, buf.toByteArray());
        DetectorBank bank = new DetectorBank();
        bank.get(new SeriesKey(1, "x"));
        assertFalse(bank.load(file));
        assertEquals(0, bank.size());
    }
}
