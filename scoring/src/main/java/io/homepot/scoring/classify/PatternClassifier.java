package io.homepot.scoring.classify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assigns a {@link PatternCategory} to an anomaly from the metric name, falling back to the device type.
 * Keyword rules, first match wins; metric keywords are checked before device-type keywords. Stateless.
 */
public final class PatternClassifier {
    private static final List<Map.Entry<PatternCategory, List<String>>> RULES = List.of(
            Map.entry(PatternCategory.HUMIDITY, List.of("humid", "moisture", "dew", "rh")),
            Map.entry(PatternCategory.TEMPERATURE, List.of("temp", "thermal", "heat", "cool", "hvac", "celsius",
                    "fahrenheit", "degc")),
            Map.entry(PatternCategory.CONNECTIVITY, List.of("rssi", "signal", "latency", "ping", "packet", "network",
                    "net_", "wifi", "lte", "connect", "bandwidth", "throughput", "rtt", "jitter")),
            Map.entry(PatternCategory.POWER, List.of("power", "volt", "current", "amp", "ampere", "watt", "battery", "ups",
                    "energy", "kwh", "mains")),
            Map.entry(PatternCategory.STORAGE, List.of("disk", "storage", "inode", "volume", "filesystem",
                    "capacity", "ssd")),
            Map.entry(PatternCategory.MECHANICAL, List.of("fan", "rpm", "vibration", "motor", "pump", "compressor",
                    "bearing", "door")),
            Map.entry(PatternCategory.PERFORMANCE, List.of("cpu", "load", "mem", "memory", "ram", "queue", "request",
                    "response", "transaction", "tps", "error_rate", "util")));

    /**
     * @param metric     metric name (e.g. {@code temperature}, {@code fan_rpm}); may be null
     * @param deviceType device type (e.g. {@code hvac}, {@code pos_terminal}); may be null
     * @return the category, {@link PatternCategory#OTHER} if nothing matches
     */
    public PatternCategory classify(String metric, String deviceType) {
        PatternCategory byMetric = match(metric);
        if (byMetric != null) return byMetric;
        PatternCategory byType = match(deviceType);
        return byType != null ? byType : PatternCategory.OTHER;
    }

    private static PatternCategory match(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<PatternCategory, List<String>> rule : RULES) {
            for (String kw : rule.getValue()) {
                if (kw.length() <= 3 ? hasToken(t, kw) : t.contains(kw)) return rule.getKey();
            }
        }
        return null;
    }

    /** Short keywords ("rh", "ups", "mem") must be whole tokens to avoid matching inside other words. */
    private static boolean hasToken(String t, String kw) {
        for (String tok : t.split("[^a-z0-9]+")) if (tok.equals(kw)) return true;
        return false;
    }
}
