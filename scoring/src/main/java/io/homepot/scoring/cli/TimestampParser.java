package io.homepot.scoring.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses CSV timestamps: {@code 2014-04-01 00:00:00[.ffffff]} (also with {@code /} between the date fields), ISO-8601
 * with 'T' (optionally zoned), or epoch seconds / milliseconds (a fraction allowed: {@code 1396310400.5}).
 */
final class TimestampParser {
    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("\\d+(\\.\\d+)?");

    private TimestampParser() {}

    static long parseMillis(String raw) {
        String t = NabRunner.unquote(raw);
        if (EPOCH.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            return Math.round(v < 100_000_000_000.0 ? v * 1000 : v); // seconds or milliseconds
        }
        if (t.length() >= 10 && t.charAt(4) == '/' && t.charAt(7) == '/') {
            t = t.substring(0, 10).replace('/', '-') + t.substring(10);
        }
        if (t.length() > 10 && t.charAt(10) == ' ') t = t.substring(0, 10) + 'T' + t.substring(11);
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli();
        }
    }
}
