package io.homepot.scoring.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a series CSV in NAB layout: a header naming {@code timestamp} and {@code value} (any order, other columns
 * ignored, a byte-order mark and quotes tolerated), one row per point. Rows whose timestamp cannot be parsed are
 * skipped; a value that is not a number is NaN.
 */
final class SeriesCsv {
    /** One row: the timestamp and value as written, and as parsed. */
    interface Row {
        void accept(String rawTimestamp, long epochMillis, String rawValue, double value) throws IOException;
    }

    private SeriesCsv() {}

    /** Every {@code *.csv} under {@code dir}, sorted. */
    static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .sorted().toList();
        }
    }

    /** Calls {@code row} for every point of {@code in}, in file order. */
    static void read(Path in, Row row) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
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
                row.accept(ts, t, value, v);
            }
        }
    }

    /**
     * The comma-separated fields of a CSV line; a comma inside double quotes belongs to its field (quotes are kept,
     * {@link #unquote} removes them).
     */
    static String[] fields(String line) {
        List<String> out = new ArrayList<>();
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
