package io.homepot.appliance.ai.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** The report types of the seed plus {@code custom}: each with its default window. */
public enum ReportType {
    /** The last 24 hours. */
    DAILY("daily", "Daily", Duration.ofHours(24)),
    /** The last 7 days. */
    WEEKLY("weekly", "Weekly", Duration.ofDays(7)),
    /** Around a critical anomaly (default: the 24 hours up to it). */
    INCIDENT("incident", "Incident", Duration.ofHours(24)),
    /** An explicit range ({@code from}/{@code to} or {@code period}). */
    CUSTOM("custom", "Custom", null);

    private final String id;
    private final String label;
    private final Duration window;

    ReportType(String id, String label, Duration window) {
        this.id = id;
        this.label = label;
        this.window = window;
    }

    /** The wire name ({@code daily}, {@code weekly}, {@code incident}, {@code custom}). */
    public String id() {
        return id;
    }

    /** Title word ({@code Daily}, ...). */
    public String label() {
        return label;
    }

    /** Default window ending now; {@code null} for {@code custom} (the caller must give one). */
    public Duration window() {
        return window;
    }

    /** Parses a wire name (case-insensitive); {@code null}/blank = {@code daily}. */
    public static ReportType parse(String s) {
        if (s == null || s.isBlank()) {
            return DAILY;
        }
        String v = s.strip().toLowerCase(Locale.ROOT);
        for (ReportType t : values()) {
            if (t.id.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("report_type must be one of " + Arrays.stream(values()).map(ReportType::id).toList()
                + ", got '" + s + "'");
    }
}
