package io.homepot.appliance.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.FactSheets;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.ForecastFact;
import io.homepot.appliance.ai.facts.MetricStats;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.ai.narrate.Narration;
import io.homepot.appliance.ai.narrate.NarrationTask;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;
import jakarta.json.JsonObject;

/** {@code GET /api/ai/analyze/{device_id}} and {@code GET /api/ai/predict/{device_id}}. */
public final class DeviceAnswers {
    /** Forecast horizon of {@code /predict}. */
    public static final int HORIZON_HOURS = 24;
    private final AiContext ctx;

    public DeviceAnswers(AiContext ctx) {
        this.ctx = ctx;
    }

    private Device device(long id) {
        return ctx.stores().devices().get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
    }

    /** Device analysis over {@code period} (seed shape). */
    public JsonObject analyze(long deviceId, String period, AnalysisMode mode, String model) throws LlmBusyException {
        long t0 = System.nanoTime();
        Device device = device(deviceId);
        TimeRange range;
        try {
            range = TimeRange.parsePeriod(period, ctx.facts().now());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("period", e.getMessage());
        }
        String version = ctx.stats().dataVersion();
        String key = "analyze|" + deviceId + "|" + range.label() + "|" + mode.id() + "|" + ctx.resolveModel(model) + "|" + version;
        JsonObject hit = ctx.cache().get(key);
        if (hit != null) {
            return AiJson.with(hit, "response_time_ms", QueryAnswers.ms(t0), "cached", true);
        }
        Site site = ctx.stores().sites().get(device.siteId()).orElse(null);
        Facts facts = ctx.facts().build(new FactSheetBuilder.Scope(site, List.of(device), range, true, HORIZON_HOURS, null, 3));
        DeviceFacts d = facts.devices().getFirst();
        List<String> recs = ctx.recommender().recommend(List.of(d), facts.incidents(), 5);
        StringBuilder lead = new StringBuilder(d.name()).append(" is ").append(d.status());
        if (d.health().score() != null) {
            lead.append(" with a health score of ").append(QueryAnswers.fmt(d.health().score()));
        }
        lead.append(d.health().factors().isEmpty() ? "; nothing abnormal was measured"
                : "; main factor: " + d.health().factors().getFirst().explanation());
        lead.append(". ").append(d.anomalyCount() == 0 ? "No anomalies were" : d.anomalyCount() == 1 ? "1 anomaly was"
                : d.anomalyCount() + " anomalies were").append(" detected ").append(QueryAnswers.period(facts)).append('.');
        Narration n = ctx.narrator().narrate(new NarrationTask(NarrationTask.Kind.ANALYZE, mode, facts, List.of(d),
                lead.toString(), recs, null, model));
        Map<String, Object> metrics = new TreeMap<>();
        for (MetricStats m : d.metrics()) {
            metrics.put("avg_" + m.metric(), m.avg());
            metrics.put("min_" + m.metric(), m.min());
            metrics.put("max_" + m.metric(), m.max());
            metrics.put("last_" + m.metric(), m.last());
        }
        metrics.put("uptime_percentage", d.uptimePct());
        metrics.put("events_logged", d.eventCount());
        List<Object> units = new ArrayList<>();
        d.metrics().forEach(m -> units.add(Json.obj().put("metric", m.metric()).put("unit", m.unit()).put("samples", m.samples())));
        JsonObject out = Json.obj().put("device_id", d.id()).put("device_name", d.name())
                .put("analysis", Json.obj().put("summary", n.text()).put("health_score", d.health().score())
                        .put("status", d.status()).put("anomalies_detected", d.anomalyCount())
                        .put("similar_past_incidents", AiJson.incidents(facts.incidents()))
                        .put("recommendations", recs).put("factors", AiJson.factors(d.health().factors()))
                        .put("health_source", d.health().source()))
                .put("metrics", metrics).put("metric_units", units)
                .put("period", range.label()).put("period_from", range.from()).put("period_to", range.to())
                .put("mode", mode.id()).put("generated_at", facts.generatedAt()).put("model_used", n.modelUsed())
                .put("response_time_ms", QueryAnswers.ms(t0)).put("llm", AiJson.llm(n))
                .put("verification", AiJson.verification(n.verification())).put("cached", false).build();
        ctx.cache().put(key, out, n.degraded());
        return out;
    }

    /** Predictions for the next {@link #HORIZON_HOURS} hours (seed shape). */
    public JsonObject predict(long deviceId, AnalysisMode mode, String model) throws LlmBusyException {
        long t0 = System.nanoTime();
        Device device = device(deviceId);
        String version = ctx.stats().dataVersion();
        String key = "predict|" + deviceId + "|" + mode.id() + "|" + ctx.resolveModel(model) + "|" + version;
        JsonObject hit = ctx.cache().get(key);
        if (hit != null) {
            return AiJson.with(hit, "response_time_ms", QueryAnswers.ms(t0), "cached", true);
        }
        Site site = ctx.stores().sites().get(device.siteId()).orElse(null);
        TimeRange range = TimeRange.last(java.time.Duration.ofHours(24), ctx.facts().now(), "24h");
        Facts facts = ctx.facts().build(new FactSheetBuilder.Scope(site, List.of(device), range, true, HORIZON_HOURS, null, 3));
        DeviceFacts d = facts.devices().getFirst();
        List<ForecastFact> fs = new ArrayList<>(d.forecasts());
        fs.sort(Comparator.comparingDouble(ForecastFact::riskScore).reversed().thenComparing(ForecastFact::metric));
        List<Object> predictions = new ArrayList<>();
        for (ForecastFact x : fs) {
            predictions.add(Json.obj().put("prediction", prediction(x)).put("confidence", x.confidence())
                    .put("reasoning", reasoning(x)).put("recommended_action", action(d, x))
                    .put("severity", x.riskScore() >= 0.9 ? "critical" : x.riskScore() >= 0.5 ? "warning" : "info")
                    .put("metric", x.metric()).put("risk_score", x.riskScore())
                    .put("time_to_warning_hours", x.timeToWarningHours()).put("time_to_critical_hours", x.timeToCriticalHours())
                    .put("method", x.method()));
        }
        double risk = fs.stream().mapToDouble(ForecastFact::riskScore).max().orElse(0);
        List<String> recs = ctx.recommender().recommend(List.of(d), facts.incidents(), 5);
        String lead = fs.isEmpty()
                ? "There is not enough history for " + d.name() + " to forecast its metrics yet (at least a day of data is needed)."
                : d.name() + " has a risk score of " + QueryAnswers.fmt(risk) + " for the next " + HORIZON_HOURS + " h: "
                + prediction(fs.getFirst()) + ".";
        Narration n = ctx.narrator().narrate(new NarrationTask(NarrationTask.Kind.PREDICT, mode, facts, List.of(d), lead,
                recs, null, model));
        JsonObject out = Json.obj().put("device_id", d.id()).put("device_name", d.name()).put("predictions", predictions)
                .put("risk_score", Math.round(risk * 100) / 100.0).put("forecast_period", HORIZON_HOURS + "h")
                .put("summary", n.text()).put("recommendations", recs).put("mode", mode.id())
                .put("generated_at", facts.generatedAt()).put("model_used", n.modelUsed())
                .put("response_time_ms", QueryAnswers.ms(t0)).put("llm", AiJson.llm(n))
                .put("verification", AiJson.verification(n.verification())).put("cached", false).build();
        ctx.cache().put(key, out, n.degraded());
        return out;
    }

    static String prediction(ForecastFact x) {
        String u = x.unit() == null || x.unit().isBlank() ? "" : x.unit().equals("%") ? "%" : " " + x.unit();
        if (x.timeToCriticalHours() != null && x.timeToCriticalHours() <= x.horizonHours()) {
            return x.timeToCriticalHours() == 0 ? x.metric() + " is already at its critical level"
                    : x.metric() + " likely to reach its critical level in about " + QueryAnswers.fmt(Math.max(1, Math.round(x.timeToCriticalHours()))) + " h";
        }
        if (x.timeToWarningHours() != null && x.timeToWarningHours() <= x.horizonHours()) {
            return x.timeToWarningHours() == 0 ? x.metric() + " is already at its warning level"
                    : x.metric() + " likely to reach its warning level " + QueryAnswers.fmt(x.threshold()) + u + " in about "
                    + QueryAnswers.fmt(Math.max(1, Math.round(x.timeToWarningHours()))) + " h";
        }
        return x.metric() + " expected to stay within its thresholds over the next " + x.horizonHours() + " h ("
                + x.direction() + ", about " + QueryAnswers.fmt(x.predicted()) + u + ")";
    }

    static String reasoning(ForecastFact x) {
        return "Computed by the appliance (" + x.method().replace('_', ' ') + "): " + FactSheets.Narration.forecastSentence(x)
                + "; latest value " + QueryAnswers.fmt(x.current()) + ".";
    }

    static String action(DeviceFacts d, ForecastFact x) {
        if (x.riskScore() < 0.5) {
            return "No action needed; keep monitoring " + x.metric() + ".";
        }
        return adviceFor(x.metric()) + " on " + d.name() + " before the " + (x.thresholdLevel() == null ? "warning"
                : x.thresholdLevel()) + " level is reached.";
    }

    private static String adviceFor(String metric) {
        String m = metric.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("temp")) {
            return "Verify cooling system operational status";
        }
        if (m.contains("battery") || m.contains("volt") || m.contains("power") || m.contains("load")) {
            return "Check the power supply and battery";
        }
        if (m.contains("fan") || m.contains("rpm")) {
            return "Inspect the fan and clean the filters";
        }
        if (m.contains("humid")) {
            return "Check ventilation and moisture sources";
        }
        if (m.contains("packet") || m.contains("latency")) {
            return "Check network cabling and the switch port";
        }
        return "Inspect " + metric;
    }
}
