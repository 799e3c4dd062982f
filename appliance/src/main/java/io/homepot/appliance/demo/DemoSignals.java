package io.homepot.appliance.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.store.DemoIncident;
import io.homepot.appliance.store.Event;

/**
 * Stateless, deterministic signal model: the value of a series at a minute depends only on the seed, the
 * series, the minute and the incident schedule, so back-fill, gap-fill after a restart and live streaming
 * all produce the same numbers for the same minute.
 */
final class DemoSignals {
    private static final double TWO_PI = Math.PI * 2;
    private final long seed;

    DemoSignals(long seed) {
        this.seed = seed;
    }

    /** One series of the demo: a device's metric with its baseline, daily swing and noise. */
    record Series(long deviceId, String deviceName, String type, String metric, double base, double swing, double noise,
                  List<DemoIncident> incidents) {
        long key() {
            return deviceId * 1_000_003L + metric.hashCode();
        }
    }

    /** The value of {@code s} at {@code t} (minute resolution). */
    double value(Series s, Instant t) {
        long minute = Math.floorDiv(t.getEpochSecond(), 60);
        double dayPhase = (Math.floorMod(minute, 1440) / 1440.0) - 0.375;    // peak 15:00 UTC
        double daily = Math.sin(TWO_PI * dayPhase);
        double weekly = Math.sin(TWO_PI * (minute / (1440.0 * 7)) + (s.key() % 7));
        double v = s.base() + s.swing() * daily + 0.25 * Math.abs(s.swing()) * weekly + s.noise() * gauss(s.key(), minute);
        if (s.type().equals("pos_terminal")) {
            int hour = (int) Math.floorMod(minute, 1440) / 60;
            v += hour >= 8 && hour < 20 ? 12 : -8;                          // shop hours load
        }
        for (DemoIncident i : s.incidents()) {
            v = apply(i, s, t, minute, v);
        }
        return clamp(s.metric(), Math.round(v * 1000) / 1000.0);
    }

    private double apply(DemoIncident i, Series s, Instant t, long minute, double v) {
        long start = i.startsAt().getEpochSecond() / 60;
        long end = i.endsAt().getEpochSecond() / 60;
        double len = Math.max(1, end - start);
        double p = (minute - start) / len;                                   // progress 0..1 inside the incident
        boolean inside = minute >= start && minute < end;
        switch (i.kind()) {
            case "temperature_spike" -> {
                if (inside && s.metric().equals("temperature")) {
                    return v + 13.5 * Math.sin(Math.PI * Math.min(1, p * 1.3));
                }
            }
            case "cooling_response" -> {
                if (inside) {
                    double k = Math.sin(Math.PI * p);
                    return s.metric().equals("fan_rpm") ? v + 600 * k : s.metric().equals("supply_air_temp") ? v - 3.5 * k : v;
                }
            }
            case "connectivity_flap" -> {
                if (inside) {
                    boolean down = ((minute - start) / 5) % 2 == 0;
                    if (s.metric().equals("packet_loss_pct")) {
                        return down ? 18 + 7 * uniform(s.key(), minute) : 2 + 3 * uniform(s.key(), minute);
                    }
                    if (s.metric().equals("latency_ms")) {
                        return down ? 600 + 300 * uniform(s.key(), minute) : 150 + 50 * uniform(s.key(), minute);
                    }
                }
            }
            case "power_dip" -> {
                if (s.metric().equals("input_voltage") && inside) {
                    return 185 + 3 * gauss(s.key(), minute);
                }
                if (s.metric().equals("battery_pct") && minute >= start) {
                    long after = minute - start;
                    if (after < len) {
                        return 100 - 8 * (after / len);
                    }
                    if (after < len + 120) {
                        return 92 + 8 * ((after - len) / 120.0);
                    }
                }
            }
            case "slow_drift" -> {
                if (s.metric().equals(i.metric()) && minute >= start) {
                    return inside ? v + 5 * p : v;                           // recalibrated at the end
                }
            }
            case "stuck_sensor" -> {
                if (s.metric().equals(i.metric()) && inside) {
                    Series healthy = new Series(s.deviceId(), s.deviceName(), s.type(), s.metric(), s.base(), s.swing(),
                            s.noise(), List.of());
                    return value(healthy, Instant.ofEpochSecond(start * 60));
                }
            }
            case "fan_degradation" -> {
                if (minute >= start) {
                    double q = Math.min(1, p);
                    return s.metric().equals("fan_rpm") ? v * (1 - 0.25 * q) : s.metric().equals("supply_air_temp")
                            ? v + 2.5 * q : v;
                }
            }
            default -> {
            }
        }
        return v;
    }

    /** Events an incident emits, for the device's primary series only. */
    static List<Event> events(DemoIncident i) {
        List<Event> out = new ArrayList<>();
        Instant s = i.startsAt();
        Instant e = i.endsAt();
        switch (i.kind()) {
            case "connectivity_flap" -> {
                boolean pos = "latency_ms".equals(i.metric());
                for (Instant t = s; t.isBefore(e); t = t.plusSeconds(300)) {
                    boolean down = (t.getEpochSecond() - s.getEpochSecond()) / 300 % 2 == 0;
                    out.add(Event.of(i.deviceId(), t, pos ? (down ? "offline" : "online") : (down ? "link_down" : "link_up"),
                            down ? "warning" : "info", pos ? (down ? "Terminal unreachable" : "Terminal reachable again")
                                    : (down ? "Uplink port 48 down" : "Uplink port 48 up"), null));
                }
            }
            case "power_dip" -> {
                out.add(Event.of(i.deviceId(), s, "on_battery", "warning", "Mains voltage low, running on battery", 185.0));
                out.add(Event.of(i.deviceId(), e, "power_restored", "info", "Mains power restored", 230.0));
            }
            case "temperature_spike" -> out.add(Event.of(i.deviceId(), s.plusSeconds(15 * 60), "threshold_exceeded",
                    "critical", "Temperature above critical threshold", 33.0));
            case "cooling_response" -> out.add(Event.of(i.deviceId(), s, "cooling_boost", "info",
                    "Cooling boost activated by building management system", null));
            case "slow_drift" -> out.add(Event.of(i.deviceId(), e, "recalibrated", "info", "Sensor recalibrated", null));
            default -> {
            }
        }
        return out;
    }

    private static double clamp(String metric, double v) {
        return switch (metric) {
            case "battery_pct", "humidity" -> Math.max(0, Math.min(100, v));
            case "packet_loss_pct", "latency_ms", "fan_rpm" -> Math.max(0, v);
            default -> v;
        };
    }

    private double uniform(long key, long minute) {
        return (mix(seed ^ mix(key) ^ (minute * 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
    }

    /** Approximately standard-normal noise (Irwin-Hall with 4 uniforms). */
    private double gauss(long key, long minute) {
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            sum += uniform(key + k * 7919L, minute);
        }
        return (sum - 2.0) * Math.sqrt(3.0);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe1a85355L;
        return z ^ (z >>> 33);
    }
}
