package io.homepot.appliance.llm.prompt;

import java.util.List;
import java.util.Objects;

/**
 * Everything the LLM may use for one answer: plain data computed by the appliance (scoring, store,
 * vector index). Free-text fields (names, messages, descriptions) are untrusted and are always
 * rendered as quoted JSON strings by {@link FactSheetRenderer}. Nullable numbers mean "not computed".
 *
 * @param scope     what the facts are about, e.g. the site or device name
 * @param period    the period covered, e.g. {@code 24h}
 * @param figures   named headline numbers (site health, uptime, configured costs, ...)
 * @param devices   devices with status, health score and contributing factors
 * @param metrics   metric statistics over the period
 * @param anomalies detected anomalies
 * @param forecasts forecasts / predictions
 * @param incidents similar past incidents with their resolutions
 */
public record FactSheet(String scope, String period, List<Figure> figures, List<Device> devices,
                        List<MetricStat> metrics, List<Anomaly> anomalies, List<Forecast> forecasts,
                        List<Incident> incidents) {

    public FactSheet {
        scope = scope == null ? "" : scope;
        period = period == null ? "" : period;
        figures = List.copyOf(Objects.requireNonNullElse(figures, List.of()));
        devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
        metrics = List.copyOf(Objects.requireNonNullElse(metrics, List.of()));
        anomalies = List.copyOf(Objects.requireNonNullElse(anomalies, List.of()));
        forecasts = List.copyOf(Objects.requireNonNullElse(forecasts, List.of()));
        incidents = List.copyOf(Objects.requireNonNullElse(incidents, List.of()));
    }

    /** A named number, e.g. {@code ("site_health_score", 0.87, "")} or {@code ("uptime", 99.8, "%")}. */
    public record Figure(String name, double value, String unit) {
    }

    /** A factor that moved a device's health score. */
    public record Factor(String name, double impact, String detail) {
    }

    /** A device and its computed health. */
    public record Device(String id, String name, String type, String site, String status, Double healthScore,
                         List<Factor> factors) {
        public Device {
            Objects.requireNonNull(id, "device id");
            factors = List.copyOf(Objects.requireNonNullElse(factors, List.of()));
        }
    }

    /** Statistics of one metric of one device over the period. */
    public record MetricStat(String deviceId, String metric, String unit, double min, double avg, double max,
                             double last, int samples) {
    }

    /** A detected anomaly; {@code at} is an ISO-8601 instant. */
    public record Anomaly(String deviceId, String at, String metric, Double value, String severity,
                          String message) {
    }

    /** A prediction with its confidence (0..1) and optional risk score (0..1). */
    public record Forecast(String deviceId, String metric, String horizon, String prediction, double confidence,
                           Double riskScore) {
    }

    /** A similar past incident found by the vector index. */
    public record Incident(String date, String deviceId, String description, String resolution,
                           double similarity) {
    }
}
