package io.homepot.appliance.ai.facts;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open observation window {@code [from, to)} and how the user named it.
 *
 * @param from  inclusive start
 * @param to    exclusive end
 * @param label period as shown in responses, e.g. {@code 24h}, {@code 7d}, {@code this week}
 */
public record TimeRange(Instant from, Instant to, String label) {
    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time range must have from < to");
        }
    }

    /** The last {@code d} up to {@code now}, labelled {@code label}. */
    public static TimeRange last(Duration d, Instant now, String label) {
        return new TimeRange(now.minus(d), now, label);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /**
     * Parses the seed's period parameter ({@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}; any
     * {@code <n>h} / {@code <n>d} up to 90 days) ending at {@code now}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static TimeRange parsePeriod(String period, Instant now) {
        String p = period == null || period.isBlank() ? "24h" : period.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,4})([hd])").matcher(p);
        if (!m.matches()) {
            throw new IllegalArgumentException("period must look like 1h, 24h, 7d or 30d; got '" + period + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        if (n < 1 || d.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("period must be between 1h and 90d; got '" + period + "'");
        }
        return last(d, now, p);
    }
}
