package io.homepot.scoring.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses CSV timestamp fields (already unquoted by {@link NabRunner#unquote}): {@code 2014-04-01 00:00:00[.ffffff]}
 * (also with {@code /} between the date fields), ISO-8601 with 'T' (optionally zoned), or epoch seconds /
 * milliseconds (a fraction allowed: {@code 1396310400.5}).
 */
final class TimestampParser {
    private static final java.util.regex.Pattern EPOCH = java.util.regex.Pattern.compile("\\d{1,15}(\\.\\d+)?");
    private static final java.util.regex.Pattern LOCAL =
            java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,9})?)?");
    private static final java.time.format.DateTimeFormatter NAB =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT);

    private TimestampParser() {}

    /**
     * The timestamp as a NAB results file carries it: unchanged when it is already a local date-time
     * ({@code 2014-04-01 00:00:00}, what NAB's scorer reads), else {@code millis} in UTC as {@code yyyy-MM-dd HH:mm:ss}
     * (with {@code .SSS} when it has milliseconds), so epoch and zoned inputs give scorable results too.
     */
    static String forResults(String t, long millis) {
        if (LOCAL.matcher(t).matches()) return t;
        int ms = (int) Math.floorMod(millis, 1000L);
        String s = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC).format(NAB);
        return ms == 0 ? s : s + String.format(java.util.Locale.ROOT, ".%03d", ms);
    }

    static long parseMillis(String field) {
        String t = field.strip();
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
