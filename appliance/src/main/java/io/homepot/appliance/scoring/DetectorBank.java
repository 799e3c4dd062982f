package io.homepot.appliance.scoring;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.zip.CRC32;

import io.homepot.scoring.detect.StreamingDetector;
import io.homepot.scoring.drift.DriftMonitor;

/**
 * Per-series detector state, persisted to {@code <data-dir>/scoring/detectors.bin}.
 *
 * <h2>File layout (big-endian, version 2)</h2>
 * <pre>
 * int    magic 0x48505344 ("HPSD")
 * int    version (2)
 * long   written-at, epoch ms (wall clock)
 * int    entry count N
 * N x {  long deviceId; UTF metric (DataOutput.writeUTF); long lastTs (epoch ms, Long.MIN_VALUE = none);
 *        double lastValue; double absDevEwma; int length L; L bytes StreamingDetector.snapshot();
 *        int length D; D bytes DriftMonitor.snapshot();
 *        threshold watch: int dwell; int dwellLevel; boolean dwellAbove; int open; long insideSince;
 *        long lastDetectorAlert; long lastThresholdAlert; int driftEpisodeLevel }
 * long   CRC32 of every byte before it
 * </pre>
 * A version 1 file (detector state only) is not migrated: it is ignored with a log line and history is re-scored
 * from the database, so detectors, drift monitors and threshold watches start fresh together.
 * Written to a temporary file and moved into place atomically, so a crash leaves the previous snapshot.
 * {@code lastTs} per series is the re-scoring watermark: after a restart, samples newer than it are replayed
 * from the database.
 */
final class DetectorBank {
    static final int MAGIC = 0x48505344;
    static final int VERSION = 2;
    private static final Logger LOG = Logger.getLogger(DetectorBank.class.getName());

    private final Map<SeriesKey, SeriesState> series = new HashMap<>();

    /** The state of a series, created on first use. */
    SeriesState get(SeriesKey key) {
        return series.computeIfAbsent(key, k -> SeriesState.fresh());
    }

    /** The state of a series, or null if it never saw a point. */
    SeriesState peek(SeriesKey key) {
        return series.get(key);
    }

    /** Watermark of a series (Long.MIN_VALUE when unknown). */
    long lastTs(SeriesKey key) {
        SeriesState s = series.get(key);
        return s == null ? SeriesState.NONE : s.lastTs;
    }

    Map<SeriesKey, SeriesState> all() {
        return series;
    }

    int size() {
        return series.size();
    }

    /** Forgets the series of a deleted device. */
    void dropDevice(long deviceId) {
        series.keySet().removeIf(k -> k.deviceId() == deviceId);
    }

    /** Writes every series atomically to {@code file}. */
    void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(System.currentTimeMillis());
        out.writeInt(series.size());
        for (Map.Entry<SeriesKey, SeriesState> e : series.entrySet()) {
            SeriesState s = e.getValue();
            byte[] det = s.detector.snapshot();
            out.writeLong(e.getKey().deviceId());
            out.writeUTF(e.getKey().metric());
            out.writeLong(s.lastTs);
            out.writeDouble(s.lastValue);
            out.writeDouble(s.absDevEwma);
            out.writeInt(det.length);
            out.write(det);
            byte[] drift = s.drift.snapshot();
            out.writeInt(drift.length);
            out.write(drift);
            s.threshold.write(out);
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(buf.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            buf.writeTo(os);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Replaces the state with the snapshot in {@code file}; a missing, corrupt or unsupported file leaves the bank
     * empty (the engine then re-scores from the database) and returns false.
     */
    boolean load(Path file) {
        series.clear();
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            byte[] all;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                all = in.readAllBytes();
            }
            if (all.length < 28) {
                throw new IOException("file too short");
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all));
            int magic = in.readInt();
            int version = in.readInt();
            if (magic == MAGIC && version < VERSION) {
                LOG.warning("Detector snapshot " + file + " is version " + version + " (this build writes version "
                        + VERSION + ", which adds drift and threshold state): starting fresh, history will be re-scored");
                return false;
            }
            if (magic != MAGIC || version != VERSION) {
                throw new IOException("not a version " + VERSION + " detector snapshot (magic " + Integer.toHexString(magic)
                        + ", version " + version + ")");
            }
            in.readLong();
            int n = in.readInt();
            Map<SeriesKey, SeriesState> read = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long dev = in.readLong();
                String metric = in.readUTF();
                long lastTs = in.readLong();
                double lastValue = in.readDouble();
                double dev0 = in.readDouble();
                byte[] det = new byte[length(in, all.length)];
                in.readFully(det);
                byte[] drift = new byte[length(in, all.length)];
                in.readFully(drift);
                ThresholdWatch tw = ThresholdWatch.read(in);
                SeriesState st = new SeriesState(StreamingDetector.restore(det), DriftMonitor.restore(drift), tw, lastTs,
                        lastValue, dev0);
                st.forecastSeeded = lastTs == SeriesState.NONE;
                read.put(new SeriesKey(dev, metric), st);
            }
            if (in.readLong() != crc.getValue()) {
                throw new IOException("checksum mismatch");
            }
            series.putAll(read);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning("Ignoring detector snapshot " + file + ": " + e.getMessage() + "; history will be re-scored");
            series.clear();
            return false;
        }
    }

    private static int length(DataInputStream in, int fileLength) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > fileLength) {
            throw new IOException("bad entry length " + n);
        }
        return n;
    }
}
