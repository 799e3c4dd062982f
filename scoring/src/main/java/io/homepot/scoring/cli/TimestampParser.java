package io.homepot.scoring.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses CSV timestamps: {@code 2014-04-01 00:00:00[.ffffff]}, ISO-8601 with 'T' (optionally zoned) or epoch ms/s. */
final class TimestampParser {
    private TimestampParser() {}

    static long parseMillis(String raw) {
        String t = raw.trim();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') t = t.substring(1, t.length() - 1);
        if (!t.isEmpty() && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            long v = Long.parseLong(t);
            return v < 100_000_000_000L ? v * 1000 : v; // seconds or milliseconds
        }
        if (t.length() > 10 && t.charAt(10) == ' ') t = t.substring(0, 10) + 'T' + t.substring(11);
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli();
        }
    }
}
