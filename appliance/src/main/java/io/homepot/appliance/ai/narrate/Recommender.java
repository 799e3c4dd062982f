package io.homepot.appliance.ai.narrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheets;
import io.homepot.appliance.ai.facts.ForecastFact;
import io.homepot.appliance.ai.facts.HealthFactor;
import io.homepot.appliance.ai.facts.SimilarIncident;

/**
 * Deterministic recommendations from facts (never from the LLM): one per health factor and risky
 * forecast, most urgent first, plus the resolution of the most similar resolved past incident.
 */
public final class Recommender {

    /**
     * A recommendation with a stable key (same device and reason give the same key whatever the numbers).
     *
     * @param deviceId the device concerned, or {@code null}
     */
    public record Rec(String key, Long deviceId, String text) {
    }

    /** Recommendations for the given devices, at most {@code max}. */
    public List<String> recommend(List<DeviceFacts> devices, List<SimilarIncident> incidents, int max) {
        return recommendations(devices, incidents, max).stream().map(Rec::text).toList();
    }

    /** Same as {@link #recommend} with stable keys. */
    public List<Rec> recommendations(List<DeviceFacts> devices, List<SimilarIncident> incidents, int max) {
        java.util.Map<String, Rec> out = new java.util.LinkedHashMap<>();
        List<DeviceFacts> ordered = new ArrayList<>(devices);
        ordered.sort(java.util.Comparator.comparingDouble(d -> d.health().score() == null ? 1.0 : d.health().score()));
        for (DeviceFacts d : ordered) {
            for (HealthFactor f : d.health().factors()) {
                if (f.penalty() >= 0.1) {
                    out.putIfAbsent("factor|" + d.id() + "|" + f.name(), new Rec("factor|" + d.id() + "|" + f.name(), d.id(),
                            forFactor(d, f)));
                }
            }
        }
        for (DeviceFacts d : ordered) {
            for (ForecastFact x : d.forecasts()) {
                if (x.riskScore() >= 0.5) {
                    String when = x.timeToWarningHours() != null && x.timeToWarningHours() > 0
                            ? " within " + hours(x.timeToWarningHours())
                            : x.timeToCriticalHours() != null && x.timeToCriticalHours() > 0 ? " within " + hours(x.timeToCriticalHours()) : "";
                    String key = "forecast|" + d.id() + "|" + x.metric();
                    out.putIfAbsent(key, new Rec(key, d.id(), "Schedule a check of " + d.name() + " (" + x.metric() + ")" + when
                            + ": " + FactSheets.Narration.forecastSentence(x) + " (risk " + two(x.riskScore()) + ")."));
                }
            }
        }
        incidents.stream().filter(i -> !out.isEmpty() && i.resolution() != null && !i.resolution().isBlank()).findFirst()
                .ifPresent(i -> out.put("incident|" + i.incidentId(), new Rec("incident|" + i.incidentId(), i.deviceId(),
                        "A similar past incident" + (i.date() == null ? "" : " on " + i.date()) + " was resolved by: "
                                + i.resolution())));
        if (out.isEmpty()) {
            out.put("none", new Rec("none", null, "No action needed now; keep monitoring."));
        }
        return out.values().stream().limit(max).toList();
    }

    private static String forFactor(DeviceFacts d, HealthFactor f) {
        String metric = f.metric() == null ? "" : f.metric().toLowerCase(Locale.ROOT);
        if (f.name().equals("no_data")) {
            return "Check power and network connection of " + d.name() + ": " + f.explanation() + ".";
        }
        if (f.name().equals("critical_events")) {
            return "Review the device log of " + d.name() + ": " + f.explanation() + ".";
        }
        if (f.name().endsWith("_anomalies")) {
            return "Review the " + f.metric() + " readings of " + d.name() + " and confirm them on site: " + f.explanation() + ".";
        }
        return advice(metric) + " on " + d.name() + ": " + f.explanation() + ".";
    }

    static String advice(String metric) {
        if (metric.contains("temp")) {
            return "Check cooling and airflow";
        }
        if (metric.contains("humid")) {
            return "Check ventilation and look for moisture sources";
        }
        if (metric.contains("battery") || metric.contains("volt") || metric.contains("power") || metric.contains("load")
                || metric.contains("current")) {
            return "Check the power supply and battery";
        }
        if (metric.contains("fan") || metric.contains("rpm") || metric.contains("airflow")) {
            return "Inspect the fan and clean the filters";
        }
        if (metric.contains("packet") || metric.contains("latency") || metric.contains("link") || metric.contains("signal")) {
            return "Check network cabling and the switch port";
        }
        if (metric.contains("cpu") || metric.contains("mem") || metric.contains("disk")) {
            return "Check running processes and free resources";
        }
        return "Inspect " + (metric.isBlank() ? "the device" : metric);
    }

    static String hours(double h) {
        return h < 1 ? "the hour" : Math.round(h) + " h";
    }

    static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
