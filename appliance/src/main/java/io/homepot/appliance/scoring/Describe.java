package io.homepot.appliance.scoring;

import java.util.Locale;
import java.util.Map;

/** Number, unit and name formatting shared by incident descriptions and health explanations. */
final class Describe {
    private static final Map<String, String> WORDS = Map.of("cpu", "CPU", "rssi", "RSSI", "ups", "UPS", "hvac", "HVAC",
            "pos", "POS", "co2", "CO2", "ram", "RAM", "snr", "SNR");

    private static final java.util.Set<String> UNIT_SUFFIXES = java.util.Set.of("pct", "percent", "ms", "sec", "s",
            "v", "a", "w", "kw", "c", "hz", "db", "dbm", "mbps");

    private Describe() {
    }

    /** {@code cpu_usage} → {@code CPU usage}, {@code temperature} → {@code Temperature}. */
    static String metricName(String metric) {
        String[] parts = metric.replace('-', '_').split("_");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (p.isEmpty() || (last && parts.length > 1 && UNIT_SUFFIXES.contains(p.toLowerCase(Locale.ROOT)))) {
                continue; // packet_loss_pct -> "Packet loss" (the unit is printed with the value)
            }
            if (last && parts.length > 1 && p.equalsIgnoreCase("rpm")) {
                p = "speed";
            } else if (p.equalsIgnoreCase("temp")) {
                p = "temperature";
            }
            String w = WORDS.getOrDefault(p.toLowerCase(Locale.ROOT), p.toLowerCase(Locale.ROOT));
            b.append(b.isEmpty() ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        return b.toString();
    }

    /** Lower-case form for use inside a sentence ({@code CPU usage} stays upper-case). */
    static String metricNameInline(String metric) {
        String n = metricName(metric);
        return n.length() > 1 && Character.isUpperCase(n.charAt(1)) ? n : n.toLowerCase(Locale.ROOT).replace("cpu", "CPU");
    }

    /** 85.2 °C, 45 %, 1234 rpm; "n/a" for NaN. */
    static String num(double v, String unit) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        String n = fmt(v);
        if (unit == null || unit.isBlank()) {
            return n;
        }
        return "%".equals(unit) ? n + " %" : n + " " + unit;
    }

    /** One decimal below 100, none above; no trailing ".0" on whole numbers. */
    static String fmt(double v) {
        double a = Math.abs(v);
        String s = a >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 1 || a == 0 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return "-0".equals(s) ? "0" : s;
    }

    /** An event kind as words: {@code compressor_start} → {@code compressor start}. */
    static String kind(String kind) {
        return kind == null ? "an event" : kind.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
    }

    /** "3 min later", "2 min earlier", "at the same time". */
    static String offset(long seconds) {
        long min = Math.round(Math.abs(seconds) / 60.0);
        if (min == 0) {
            return "at the same time";
        }
        return min + " min " + (seconds > 0 ? "later" : "earlier");
    }
}
