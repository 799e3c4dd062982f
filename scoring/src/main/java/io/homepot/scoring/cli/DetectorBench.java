package io.homepot.scoring.cli;

import io.homepot.scoring.detect.DetectorConfig;
import io.homepot.scoring.detect.StreamingDetector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Single-threaded throughput benchmark of {@link StreamingDetector#update}: a noisy daily cycle at 1-minute
 * sampling with occasional spikes, fed to a ring of 64 detectors (like many device metrics interleaved).
 * Reports wall-clock and thread-CPU throughput (the CPU figure is the one to compare on a shared, loaded machine)
 * and the system load average at the end.
 */
public final class DetectorBench {
    private static final int SERIES = 64;
    private static final int POINTS = 1 << 16;

    /** Runs warm-up plus {@code seconds} of measurement; writes JSON to {@code out} when not null, returns it. */
    public String run(double seconds, Path out) throws IOException {
        long[] ts = new long[POINTS];
        double[] vs = new double[POINTS];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < POINTS; i++) {
            ts[i] = 1_700_000_000_000L + i * 60_000L;
            vs[i] = 20 + 5 * Math.sin(2 * Math.PI * i / 1440.0) + rnd.nextGaussian() + (rnd.nextInt(5000) == 0 ? 15 : 0);
        }
        measure(ts, vs, Math.min(2.0, seconds / 2)); // warm-up (JIT)
        double[] r = measure(ts, vs, seconds);
        String json = String.format(Locale.ROOT,
                "{\"benchmark\":\"StreamingDetector.update\",\"threads\":1,\"series\":%d,\"points\":%d,"
                        + "\"seconds\":%.3f,\"points_per_second\":%.0f,\"ns_per_point\":%.1f,"
                        + "\"cpu_seconds\":%.3f,\"points_per_cpu_second\":%.0f,\"cpu_ns_per_point\":%.1f,"
                        + "\"load_average\":%.2f,\"java\":\"%s\"}",
                SERIES, (long) r[0], r[1], r[0] / r[1], r[1] * 1e9 / r[0], r[2], r[0] / r[2], r[2] * 1e9 / r[0],
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
        if (out != null) {
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, json + "\n");
        }
        return json;
    }

    private static double[] measure(long[] ts, double[] vs, double seconds) {
        StreamingDetector[] det = new StreamingDetector[SERIES];
        for (int k = 0; k < SERIES; k++) det[k] = new StreamingDetector(DetectorConfig.defaults());
        long points = 0;
        double sink = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < deadline) {
            for (int rep = 0; rep < 4096; rep++) {
                for (int k = 0; k < SERIES; k++) sink += det[k].update(ts[i], vs[(i + k * 997) % POINTS]).score();
                i = (i + 1) % POINTS;
                if (i == 0) for (int k = 0; k < SERIES; k++) det[k] = new StreamingDetector(DetectorConfig.defaults());
                points += SERIES;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (sink == 42.4242) System.out.print("");
        return new double[] {points, elapsed, cpu};
    }
}
