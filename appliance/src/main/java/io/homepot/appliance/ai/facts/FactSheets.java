package io.homepot.appliance.ai.facts;

import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.llm.prompt.FactSheet;

/**
 * Turns {@link Facts} into the LLM client's {@link FactSheet} (rendered by its {@code FactSheetRenderer}
 * as quoted JSON lines, so names and messages from the data are data, never instructions). Devices are
 * referred to by numeric id; at most {@code maxDevices} devices (in the facts' order) are included,
 * with a figure saying how many were left out.
 */
public final class FactSheets {
    private FactSheets() {
    }

    public static FactSheet of(Facts f, String scope, int maxDevices, AiConfig config) {
        List<DeviceFacts> shown = f.devices().subList(0, Math.min(maxDevices, f.devices().size()));
        List<FactSheet.Figure> figures = new ArrayList<>();
        Facts.SiteSummary s = f.siteSummary();
        if (f.site() != null && f.devices().size() > 1) {
            figures.add(new FactSheet.Figure("site_devices_total", s.total(), ""));
            figures.add(new FactSheet.Figure("site_devices_healthy", s.healthy(), ""));
            figures.add(new FactSheet.Figure("site_devices_warning", s.warning(), ""));
            figures.add(new FactSheet.Figure("site_devices_critical", s.critical(), ""));
            if (s.offline() > 0) {
                figures.add(new FactSheet.Figure("site_devices_offline", s.offline(), ""));
            }
            if (s.healthScore() != null) {
                figures.add(new FactSheet.Figure("site_health_score", s.healthScore(), ""));
            }
        }
        if (f.devices().size() > shown.size()) {
            figures.add(new FactSheet.Figure("devices_in_scope_not_listed", f.devices().size() - shown.size(), ""));
        }
        List<FactSheet.Device> devices = new ArrayList<>();
        List<FactSheet.MetricStat> metrics = new ArrayList<>();
        List<FactSheet.Anomaly> anomalies = new ArrayList<>();
        List<FactSheet.Forecast> forecasts = new ArrayList<>();
        for (DeviceFacts d : shown) {
            String id = String.valueOf(d.id());
            devices.add(new FactSheet.Device(id, d.name(), d.device().typeCode(),
                    f.site() == null ? null : f.site().name(), d.status(), d.health().score(),
                    d.health().factors().stream().map(x -> new FactSheet.Factor(x.name(), -x.penalty(), x.explanation()))
                            .toList()));
            if (d.uptimePct() != null) {
                figures.add(new FactSheet.Figure("device_" + id + "_uptime", d.uptimePct(), "%"));
            }
            figures.add(new FactSheet.Figure("device_" + id + "_anomalies", d.anomalyCount(), ""));
            for (MetricStats m : d.metrics()) {
                metrics.add(new FactSheet.MetricStat(id, m.metric(), m.unit(), m.min(), m.avg(), m.max(), m.last(),
                        (int) Math.min(Integer.MAX_VALUE, m.samples())));
            }
            for (AnomalyFact a : d.anomalies()) {
                anomalies.add(new FactSheet.Anomaly(id, a.at() == null ? null : a.at().toString(), a.metric(), a.value(),
                        a.severity(), a.message() != null ? a.message() : describe(a)));
            }
            for (ForecastFact x : d.forecasts()) {
                forecasts.add(new FactSheet.Forecast(id, x.metric(), x.horizonHours() + "h", Narration.forecastSentence(x),
                        x.confidence(), x.riskScore()));
            }
        }
        if (config != null && config.costsConfigured()) {
            if (config.downtimeCostPerHour() != null) {
                figures.add(new FactSheet.Figure("downtime_cost_per_device_hour", config.downtimeCostPerHour(),
                        config.currency()));
            }
            if (config.maintenanceVisitCost() != null) {
                figures.add(new FactSheet.Figure("maintenance_visit_cost", config.maintenanceVisitCost(), config.currency()));
            }
        }
        List<FactSheet.Incident> incidents = f.incidents().stream().map(i -> new FactSheet.Incident(i.date(),
                i.deviceId() == null ? null : String.valueOf(i.deviceId()), i.description(), i.resolution(),
                i.similarityScore())).toList();
        return new FactSheet(scope, f.range().label(), figures, devices, metrics, anomalies, forecasts, incidents);
    }

    private static String describe(AnomalyFact a) {
        StringBuilder b = new StringBuilder(a.kind() == null ? "anomaly" : a.kind());
        if (a.expected() != null) {
            b.append(", expected about ").append(StoredHealthSource.fmt(a.expected()));
        }
        if (a.score() != null) {
            b.append(", score ").append(StoredHealthSource.fmt(a.score()));
        }
        return b.toString();
    }

    /** Sentences shared by fact sheets and narrators. */
    public static final class Narration {
        private Narration() {
        }

        /** E.g. "rising; daily peak 29.4 °C expected in 24h; warning level 30 °C in about 31 h". */
        public static String forecastSentence(ForecastFact x) {
            String u = x.unit() == null || x.unit().isBlank() ? "" : (x.unit().equals("%") ? "%" : " " + x.unit());
            StringBuilder b = new StringBuilder(x.direction());
            b.append("; expected ").append(x.direction().equals("falling") || isLowSide(x) ? "low" : "peak").append(" of ")
                    .append(StoredHealthSource.fmt(x.predicted())).append(u).append(" within ").append(x.horizonHours())
                    .append(" h");
            if (x.timeToWarningHours() != null && (x.timeToCriticalHours() == null || x.timeToCriticalHours() > 0)) {
                b.append(x.timeToWarningHours() == 0 ? "; already at the warning level"
                        : "; warning level" + (x.threshold() != null && "warning".equals(x.thresholdLevel())
                        ? " " + StoredHealthSource.fmt(x.threshold()) + u : "") + " in about "
                        + StoredHealthSource.fmt(x.timeToWarningHours()) + " h");
            }
            if (x.timeToCriticalHours() != null) {
                b.append(x.timeToCriticalHours() == 0 ? "; already at the critical level"
                        : "; critical level in about " + StoredHealthSource.fmt(x.timeToCriticalHours()) + " h");
            }
            return b.toString();
        }

        static boolean isLowSide(ForecastFact x) {
            return x.threshold() != null && x.predicted() < x.current() && x.direction().equals("falling");
        }
    }
}
