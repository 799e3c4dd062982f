package io.homepot.appliance.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.ForecastFact;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.ai.insights.InsightStore;
import io.homepot.appliance.ai.narrate.Narration;
import io.homepot.appliance.ai.narrate.NarrationTask;
import io.homepot.appliance.ai.narrate.Recommender;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;
import jakarta.json.JsonObject;

/**
 * {@code GET /api/ai/insights/{site_id}} (seed shape) and {@code POST /api/ai/insights/{id}/actions}.
 * Findings, predicted issues and recommendations are computed; predicted issues and recommendations get
 * stable numeric ids (an {@code ai_insights} row per fingerprint) so operators can record actions on them,
 * and each carries its action counts.
 */
public final class SiteInsights {
    /** Forecasts with at least this risk become predicted issues. */
    public static final double ISSUE_RISK = 0.3;
    private final AiContext ctx;

    public SiteInsights(AiContext ctx) {
        this.ctx = ctx;
    }

    public JsonObject insights(long siteId, AnalysisMode mode, String model) throws LlmBusyException {
        long t0 = System.nanoTime();
        Site site = ctx.stores().sites().get(siteId).orElseThrow(() -> ProblemException.notFound("Site", siteId));
        String version = ctx.stats().dataVersion() + "|" + ctx.insights().actionCount();
        String key = "insights|" + siteId + "|" + mode.id() + "|" + ctx.resolveModel(model) + "|" + version;
        JsonObject hit = ctx.cache().get(key);
        if (hit != null) {
            return AiJson.with(hit, "response_time_ms", QueryAnswers.ms(t0), "cached", true);
        }
        List<Device> devices = ctx.facts().siteDevices(siteId);
        TimeRange range = TimeRange.last(Duration.ofHours(24), ctx.facts().now(), "24h");
        Facts facts = ctx.facts().build(new FactSheetBuilder.Scope(site, devices, range, true, 24, null, 3));
        Facts.SiteSummary s = facts.siteSummary();
        List<DeviceFacts> attention = new ArrayList<>(facts.devices().stream()
                .filter(d -> !"healthy".equals(d.status()) && !"unknown".equals(d.status()) || d.maxRisk() >= ISSUE_RISK).toList());
        attention.sort(Comparator.comparingDouble((DeviceFacts d) -> d.health().score() == null ? 1 : d.health().score())
                .thenComparingDouble(d -> -d.maxRisk()).thenComparingLong(DeviceFacts::id));

        List<String> findings = findings(facts, attention);
        record Issue(String fp, DeviceFacts d, ForecastFact x) {
        }
        List<Issue> issues = new ArrayList<>();
        for (DeviceFacts d : facts.devices()) {
            for (ForecastFact x : d.forecasts()) {
                if (x.riskScore() >= ISSUE_RISK) {
                    issues.add(new Issue("issue|" + d.id() + "|" + x.metric(), d, x));
                }
            }
        }
        issues.sort(Comparator.comparingDouble((Issue i) -> -i.x().riskScore()).thenComparing(Issue::fp));
        List<Issue> topIssues = issues.subList(0, Math.min(10, issues.size()));
        List<Recommender.Rec> recs = ctx.recommender().recommendations(attention, facts.incidents(), 8);
        List<InsightStore.NewInsight> reg = new ArrayList<>();
        topIssues.forEach(i -> reg.add(new InsightStore.NewInsight(i.fp(), "predicted_issue", i.d().id(), issueText(i.d(), i.x()))));
        recs.forEach(r -> reg.add(new InsightStore.NewInsight("rec|" + r.key(), "recommendation", r.deviceId(), r.text())));
        Map<String, Long> ids = ctx.insights().ensure(siteId, reg);
        Map<Long, InsightStore.Counts> counts = ctx.insights().counts(siteId);

        List<Object> predicted = new ArrayList<>();
        for (Issue i : topIssues) {
            long id = ids.get(i.fp());
            predicted.add(Json.obj().put("id", id).put("description", issueText(i.d(), i.x()))
                    .put("confidence", i.x().confidence()).put("estimated_cost", cost(1))
                    .put("device_id", i.d().id()).put("device_name", i.d().name()).put("metric", i.x().metric())
                    .put("risk_score", i.x().riskScore()).put("time_to_warning_hours", i.x().timeToWarningHours())
                    .put("time_to_critical_hours", i.x().timeToCriticalHours())
                    .put("actions", actions(counts.getOrDefault(id, InsightStore.Counts.NONE))));
        }
        List<Object> recommendations = new ArrayList<>();
        for (Recommender.Rec r : recs) {
            long id = ids.get("rec|" + r.key());
            recommendations.add(Json.obj().put("id", id).put("text", r.text()).put("device_id", r.deviceId())
                    .put("actions", actions(counts.getOrDefault(id, InsightStore.Counts.NONE))));
        }
        long recorded = 0, taken = 0, effective = 0;
        for (InsightStore.Counts c : counts.values()) {
            recorded += c.recorded();
            taken += c.taken();
            effective += c.effective();
        }
        String overall = overall(s);
        String lead = site.name() + " is in " + overall.toLowerCase(Locale.ROOT) + " health"
                + (s.healthScore() == null ? "" : " (score " + QueryAnswers.fmt(s.healthScore()) + ")") + ": " + s.healthy()
                + " of " + s.total() + " devices healthy, " + s.warning() + " warning, " + s.critical() + " critical"
                + (s.offline() > 0 ? ", " + s.offline() + " offline" : "") + "; " + topIssues.size()
                + (topIssues.size() == 1 ? " predicted issue" : " predicted issues") + " in the next 24 h.";
        Narration n = ctx.narrator().narrate(new NarrationTask(NarrationTask.Kind.INSIGHTS, mode, facts, attention, lead,
                recs.stream().map(Recommender.Rec::text).toList(), null, model));
        JsonObject out = Json.obj().put("site_id", site.id()).put("site_name", site.name())
                .put("insights", Json.obj().put("overall_health", overall).put("health_score", s.healthScore())
                        .put("total_devices", s.total()).put("devices_healthy", s.healthy())
                        .put("devices_warning", s.warning()).put("devices_critical", s.critical())
                        .put("devices_offline", s.offline()).put("key_findings", findings)
                        .put("predicted_issues", predicted).put("recommendations", recommendations)
                        .put("cost_analysis", costAnalysis(facts, attention.size()))
                        .put("actions", Json.obj().put("recorded", recorded).put("taken", taken).put("effective", effective)))
                .put("summary", n.text()).put("mode", mode.id()).put("period", range.label())
                .put("generated_at", facts.generatedAt()).put("model_used", n.modelUsed())
                .put("response_time_ms", QueryAnswers.ms(t0)).put("llm", AiJson.llm(n))
                .put("verification", AiJson.verification(n.verification())).put("cached", false).build();
        ctx.cache().put(key, out, n.degraded());
        return out;
    }

    /** Records an action on insight {@code id}; 404 when it does not exist. */
    public JsonObject recordAction(long id, boolean taken, Boolean effective, String note, String user) {
        InsightStore.Insight ins = ctx.insights().get(id).orElseThrow(() -> ProblemException.notFound("Insight", id));
        InsightStore.Action a = ctx.insights().record(id, taken, effective, note, user);
        InsightStore.Counts c = ctx.insights().counts(ins.siteId()).getOrDefault(id, InsightStore.Counts.NONE);
        return Json.obj().put("id", a.id()).put("insight_id", id).put("taken", a.taken()).put("effective", a.effective())
                .put("note", a.note()).put("user", a.username()).put("recorded_at", a.createdAt())
                .put("insight", Json.obj().put("id", ins.id()).put("site_id", ins.siteId()).put("kind", ins.kind())
                        .put("device_id", ins.deviceId()).put("description", ins.description()))
                .put("actions", actions(c)).build();
    }

    private static Json.Obj actions(InsightStore.Counts c) {
        return Json.obj().put("recorded", c.recorded()).put("taken", c.taken()).put("effective", c.effective());
    }

    private List<String> findings(Facts f, List<DeviceFacts> attention) {
        List<String> out = new ArrayList<>();
        Facts.SiteSummary s = f.siteSummary();
        out.add(s.healthy() + " of " + s.total() + " devices are healthy; " + s.warning() + " warning, " + s.critical()
                + " critical" + (s.offline() > 0 ? ", " + s.offline() + " offline" : "") + ".");
        for (DeviceFacts d : attention.stream().filter(d -> !"healthy".equals(d.status())).limit(5).toList()) {
            out.add(d.name() + " is " + d.status() + (d.health().score() == null ? "" : " (health " + QueryAnswers.fmt(d.health().score()) + ")")
                    + (d.health().factors().isEmpty() ? "." : ": " + d.health().factors().getFirst().explanation() + "."));
        }
        long anomalies = f.devices().stream().mapToLong(DeviceFacts::anomalyCount).sum();
        long withAnomalies = f.devices().stream().filter(d -> d.anomalyCount() > 0).count();
        out.add(anomalies == 0 ? "No anomalies were detected in the last 24 h."
                : anomalies + (anomalies == 1 ? " anomaly was" : " anomalies were") + " detected in the last 24 h on "
                + withAnomalies + (withAnomalies == 1 ? " device." : " devices."));
        Map<String, int[]> byType = new LinkedHashMap<>();
        for (DeviceFacts d : f.devices()) {
            int[] c = byType.computeIfAbsent(d.typeName(), k -> new int[2]);
            c[0]++;
            if (!"healthy".equals(d.status()) && !"unknown".equals(d.status())) {
                c[1]++;
            }
        }
        byType.forEach((type, c) -> {
            if (c[1] > 0) {
                out.add(type + ": " + c[1] + " of " + c[0] + " need attention.");
            }
        });
        long silent = f.devices().stream().filter(d -> d.health().factors().stream().anyMatch(x -> x.name().equals("no_data"))).count();
        out.add(silent == 0 ? "Every device reported data in the last 15 minutes."
                : silent + (silent == 1 ? " device has" : " devices have") + " stopped reporting data.");
        return out;
    }

    private static String issueText(DeviceFacts d, ForecastFact x) {
        return d.name() + ": " + DeviceAnswers.prediction(x) + " (risk " + QueryAnswers.fmt(x.riskScore()) + ").";
    }

    static String overall(Facts.SiteSummary s) {
        if (s.healthScore() == null) {
            return "Unknown";
        }
        double h = s.healthScore();
        if (h >= 0.8 && s.critical() == 0) {
            return "Good";
        }
        return h >= 0.6 ? "Fair" : "Poor";
    }

    private String cost(int visits) {
        AiConfig c = ctx.config();
        return c.maintenanceVisitCost() == null ? null : c.currency() + QueryAnswers.fmt(visits * c.maintenanceVisitCost());
    }

    private Json.Obj costAnalysis(Facts f, int devicesNeedingVisit) {
        AiConfig c = ctx.config();
        if (!c.costsConfigured()) {
            return Json.obj().put("configured", false).put("note", "No unit costs are configured "
                    + "(HOMEPOT_AI_COST_DOWNTIME_PER_HOUR, HOMEPOT_AI_COST_MAINTENANCE_VISIT); the appliance does not estimate costs.");
        }
        double downHours = 0;
        for (DeviceFacts d : f.devices()) {
            if (d.uptimePct() != null) {
                downHours += (100 - d.uptimePct()) / 100.0 * f.range().length().toMinutes() / 60.0;
            }
        }
        Json.Obj o = Json.obj().put("configured", true).put("currency", c.currency())
                .put("downtime_device_hours_24h", Math.round(downHours * 100) / 100.0);
        if (c.downtimeCostPerHour() != null) {
            o.put("downtime_cost_24h", c.currency() + QueryAnswers.fmt(downHours * c.downtimeCostPerHour()));
        }
        if (c.maintenanceVisitCost() != null) {
            o.put("recommended_maintenance_budget", c.currency() + QueryAnswers.fmt(devicesNeedingVisit * c.maintenanceVisitCost()))
                    .put("maintenance_visits", devicesNeedingVisit);
        }
        return o;
    }
}
