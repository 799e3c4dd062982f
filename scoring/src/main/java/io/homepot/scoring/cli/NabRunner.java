package io.homepot.scoring.cli;

import io.homepot.scoring.detect.DetectorConfig;
import io.homepot.scoring.detect.DetectorResult;
import io.homepot.scoring.detect.StreamingDetector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams every {@code *.csv} under a data folder (layout {@code category/name.csv}, columns
 * {@code timestamp,value}) through a fresh {@link StreamingDetector}, point by point, and writes NAB results files
 * {@code out/category/name.csv} with columns {@code timestamp,value,anomaly_score,label,alert}.
 */
public final class NabRunner {
    private final DetectorConfig config;

    public NabRunner(DetectorConfig config) { this.config = config; }

    /** Runs all files; returns the number of files written. */
    public int run(Path dataDir, Path outDir) throws IOException {
        List<Path> files = SeriesCsv.filesUnder(dataDir);
        files.parallelStream().forEach(f -> {
            try {
                runFile(f, outDir.resolve(dataDir.relativize(f).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("failed on " + f, e);
            }
        });
        return files.size();
    }

    /** Scores one CSV file ({@link SeriesCsv}: rows whose timestamp cannot be parsed are skipped). */
    public void runFile(Path in, Path out) throws IOException {
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        StreamingDetector detector = new StreamingDetector(config);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score,label,alert\n");
            SeriesCsv.read(in, (ts, t, value, v) -> {
                DetectorResult res = detector.update(t, v);
                w.write(TimestampParser.forResults(ts, t));
                w.write(',');
                w.write(value);
                w.write(',');
                w.write(Double.toString(res.score()));
                w.write(",0,");
                w.write(res.alert() ? '1' : '0');
                w.write('\n');
            });
        }
    }
}
