package io.homepot.appliance.scoring;

import java.util.Locale;

import io.homepot.appliance.store.Thresholds;

/**
 * Category (temperature, humidity, connectivity, power, performance, storage, mechanical, other) from the metric and
 * device type, and severity (info, warning, critical) from the thresholds and the size of the deviation.
 */
final class AnomalyClassifier {
    private AnomalyClassifier() {
    }

    static String category(String metric, String typeCode) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (has(m, "temp")) {
            return "temperature";
        }
        if (has(m, "humid", "dew")) {
            return "humidity";
        }
        if (has(m, "rssi", "signal", "latency", "packet", "ping", "connect", "uptime", "bandwidth", "throughput",
                "link", "snr", "jitter", "port")) {
            return "connectivity";
        }
        if (has(m, "power", "volt", "current", "battery", "watt", "charge", "load_pct", "ups")) {
            return "power";
        }
        if (has(m, "disk", "storage", "inode", "queue_depth")) {
            return "storage";
        }
        if (has(m, "fan", "vibration", "rpm", "compressor", "motor", "bearing")) {
            return "mechanical";
        }
        if (has(m, "cpu", "memory", "mem_", "response", "transaction", "error", "load", "queue", "duration")) {
            return "performance";
        }
        String t = typeCode == null ? "" : typeCode.toLowerCase(Locale.ROOT);
        if (has(t, "ups", "pdu")) {
            return "power";
        }
        if (has(t, "switch", "router", "ap", "network")) {
            return "connectivity";
        }
        return "other";
    }

    static String severity(double value, double deviation, Thresholds t, String kind) {
        if (t != null && (above(value, t.critHigh()) || below(value, t.critLow()))) {
            return "critical";
        }
        double d = Math.abs(deviation);
        if (d >= 8) {
            return "critical";
        }
        if (t != null && (above(value, t.warnHigh()) || below(value, t.warnLow()))) {
            return "warning";
        }
        if (d >= 4 || "stuck".equals(kind) || "level_shift".equals(kind)) {
            return "warning";
        }
        return "info";
    }

    private static boolean above(double v, Double limit) {
        return limit != null && v >= limit;
    }

    private static boolean below(double v, Double limit) {
        return limit != null && v <= limit;
    }

    private static boolean has(String s, String... parts) {
        for (String p : parts) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
