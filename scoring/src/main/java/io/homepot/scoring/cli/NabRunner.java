package io.homepot.scoring.cli;

import io.homepot.scoring.detect.DetectorConfig;
import io.homepot.scoring.detect.DetectorResult;
import io.homepot.scoring.detect.StreamingDetector;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted().toList();
        }
        files.parallelStream().forEach(f -> {
            try {
                runFile(f, outDir.resolve(dataDir.relativize(f).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("failed on " + f, e);
            }
        });
        return files.size();
    }

    /** Scores one CSV file. Rows whose timestamp cannot be parsed are skipped. */
    public void runFile(Path in, Path out) throws IOException {
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        StreamingDetector detector = new StreamingDetector(config);
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) return;
            String[] cols = fields(header);
            int ti = 0, vi = 1;
            for (int i = 0; i < cols.length; i++) {
                String c = cols[i].replace("\uFEFF", "").trim().replace("\"", "") // byte-order mark, quotes
                        .toLowerCase(Locale.ROOT);
                if (c.equals("timestamp")) ti = i;
                else if (c.equals("value")) vi = i;
            }
            w.write("timestamp,value,anomaly_score,label,alert\n");
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] f = fields(line);
                if (f.length <= Math.max(ti, vi)) continue;
                String ts = unquote(f[ti]), value = unquote(f[vi]);
                long t;
                try {
                    t = TimestampParser.parseMillis(ts);
                } catch (RuntimeException e) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                DetectorResult res = detector.update(t, v);
                w.write(TimestampParser.forResults(ts, t));
                w.write(',');
                w.write(value);
                w.write(',');
                w.write(Double.toString(res.score()));
                w.write(",0,");
                w.write(res.alert() ? '1' : '0');
                w.write('\n');
            }
        }
    }

    /**
     * The comma-separated fields of a CSV line; a comma inside double quotes belongs to its field (quotes are kept,
     * {@link #unquote} removes them).
     */
    static String[] fields(String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out.toArray(String[]::new);
    }

    /** The field without surrounding blanks and without one pair of surrounding double quotes. */
    static String unquote(String field) {
        String t = field.trim();
        boolean quoted = t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"';
        return quoted ? t.substring(1, t.length() - 1) : t;
    }
}
