package io.homepot.appliance.store;

/**
 * A metric a device type reports.
 *
 * @param name       metric name used in samples, e.g. {@code temperature}
 * @param unit       unit, e.g. {@code °C}
 * @param normalMin  lower end of the normal range (nullable)
 * @param normalMax  upper end of the normal range (nullable)
 * @param thresholds warning/critical thresholds
 */
public record MetricDefinition(String name, String unit, Double normalMin, Double normalMax, Thresholds thresholds) {
}
