package io.homepot.appliance.ai.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.ai.AiContext;
import io.homepot.appliance.ai.facts.AnomalyFact;
import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.MetricStats;
import io.homepot.appliance.ai.facts.SimilarIncident;
import io.homepot.appliance.ai.narrate.Narration;
import io.homepot.appliance.ai.narrate.NarrationTask;
import io.homepot.appliance.ai.narrate.Narrator;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;
import jakarta.json.JsonObject;

/**
 * Builds a report's content in the seed's structure ({@code title, summary, key_metrics, incidents,
 * recommendations, cost_impact}, plus {@code headline}, {@code period}, scope names and {@code llm}) from
 * the AI service's computed facts ({@link FactSheetBuilder}), its {@link io.homepot.appliance.ai.narrate.Recommender}
 * and a {@link Narrator} (the LLM, or the deterministic narrator when it is down). Every number comes from
 * the facts; the narrator only writes {@code summary}.
 */
public final class ReportGenerator {
    /** Forecast horizon used for the predictive parts. */
    public static final int HORIZON_HOURS = 24;
    /** Incidents listed in a site report. */
    public static final int SITE_INCIDENTS = 15;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AiContext ctx;
    private final IncidentLookup lookup;

    ReportGenerator(AiContext ctx, IncidentLookup lookup) {
        this.ctx = ctx;
        this.lookup = lookup;
    }

    /** What {@link #generate} computed. */
    record Generated(JsonObject content, Narration narration, Site site, Device device, Instant generatedAt) {
    }

    /** Generates the content of {@code r} (its device or site must exist). */
    Generated generate(ReportRequest r, Narrator narrator) throws LlmBusyException {
        return r.siteReport() ? site(r, narrator) : device(r, narrator);
    }

    private Generated device(ReportRequest r, Narrator narrator) throws LlmBusyException {
        Device device = ctx.stores().devices().get(r.deviceId()).orElseThrow();
        Site site = ctx.stores().sites().get(device.siteId()).orElse(null);
        Facts facts = ctx.facts().build(new FactSheetBuilder.Scope(site, List.of(device), r.range(), true, HORIZON_HOURS, null, 3));
        DeviceFacts d = facts.devices().getFirst();
        List<String> recs = ctx.recommender().recommend(List.of(d), facts.incidents(), 5);
        AnomalyFact trigger = r.type() == ReportType.INCIDENT ? trigger(r, d.anomalies()) : null;
        String where = device.location() != null && !device.location().isBlank() ? device.location()
                : site == null ? d.typeName() : site.name();
        String title = switch (r.type()) {
            case DAILY, WEEKLY -> r.type().label() + " Health Report - " + d.name() + " (" + where + ")";
            case INCIDENT -> "Incident Report - " + d.name() + " (" + where + ")"
                    + (trigger == null ? "" : ": " + trigger.severity() + " " + trigger.metric() + " anomaly");
            case CUSTOM -> "Health Report - " + d.name() + " (" + where + "), " + span(r);
        };
        String lead = trigger != null ? incidentLead(d, trigger)
                : r.type() == ReportType.INCIDENT ? "No anomaly was recorded on " + d.name() + " " + period(facts) + "; "
                + healthPhrase(d) + "." : deviceLead(d, facts);
        Narration n = narrator.narrate(new NarrationTask(NarrationTask.Kind.REPORT, r.mode(), facts, List.of(d), lead, recs,
                null, r.model()));
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("uptime", d.uptimePct() == null ? "no data" : fmt(d.uptimePct()) + "%");
        for (MetricStats m : d.metrics()) {
            km.put("avg_" + m.metric(), fmt(m.avg()) + unit(m.unit()));
        }
        km.put("events_logged", d.eventCount());
        km.put("anomalies", d.anomalyCount());
        km.put("health_score", d.health().score());
        km.put("status", d.status());
        if (!d.forecasts().isEmpty()) {
            km.put("forecast_risk_24h", Math.round(d.maxRisk() * 100) / 100.0);
        }
        List<AnomalyFact> list = new ArrayList<>(d.anomalies());
        if (trigger != null) {
            list.removeIf(a -> a.id() != null && a.id().equals(trigger.id()));
            list.addFirst(trigger);
        }
        Json.Obj content = base(title, n, km, incidents(list, facts, trigger), recs, cost(List.of(d), uptimes(facts), facts), lead, r, facts)
                .put("scope", "device").put("device_id", d.id()).put("device_name", d.name()).put("device_type", d.typeName())
                .put("site_id", site == null ? null : site.id()).put("site_name", site == null ? null : site.name());
        return new Generated(content.build(), n, site, device, facts.generatedAt());
    }

    private Generated site(ReportRequest r, Narrator narrator) throws LlmBusyException {
        Site site = ctx.stores().sites().get(r.siteId()).orElseThrow();
        List<Device> devices = ctx.facts().siteDevices(site.id());
        Facts facts = ctx.facts().build(new FactSheetBuilder.Scope(site, devices, r.range(), true, HORIZON_HOURS, null, 3));
        Facts.SiteSummary s = facts.siteSummary();
        List<DeviceFacts> attention = new ArrayList<>(facts.devices().stream()
                .filter(d -> !"healthy".equals(d.status()) && !"unknown".equals(d.status())).toList());
        attention.sort(Comparator.comparingDouble((DeviceFacts d) -> d.health().score() == null ? 1 : d.health().score())
                .thenComparingLong(DeviceFacts::id));
        List<DeviceFacts> focus = attention;
        if (focus.isEmpty()) {
            focus = facts.devices().stream().filter(d -> d.anomalyCount() > 0)
                    .sorted(Comparator.comparingLong((DeviceFacts d) -> -d.anomalyCount()).thenComparingLong(DeviceFacts::id))
                    .limit(5).toList();
        }
        List<String> recs = ctx.recommender().recommend(attention.isEmpty() ? facts.devices() : attention, facts.incidents(), 8);
        long anomalies = facts.devices().stream().mapToLong(DeviceFacts::anomalyCount).sum();
        long withAnomalies = facts.devices().stream().filter(d -> d.anomalyCount() > 0).count();
        long events = facts.devices().stream().mapToLong(DeviceFacts::eventCount).sum();
        Map<Long, Double> uptimes = uptimes(facts);
        Double uptime = meanUptime(uptimes);
        List<AnomalyFact> all = new ArrayList<>();
        facts.devices().forEach(d -> all.addAll(d.anomalies()));
        all.sort(Comparator.comparingInt((AnomalyFact a) -> rank(a.severity()))
                .thenComparing(AnomalyFact::at, Comparator.nullsLast(Comparator.reverseOrder())));
        if (r.type() == ReportType.INCIDENT) {
            all.removeIf(a -> !"critical".equals(a.severity()));
        }
        AnomalyFact trigger = r.type() == ReportType.INCIDENT ? trigger(r, all) : null;
        String title = switch (r.type()) {
            case DAILY, WEEKLY -> r.type().label() + " Site Report - " + site.name();
            case INCIDENT -> "Incident Report - " + site.name();
            case CUSTOM -> "Site Report - " + site.name() + ", " + span(r);
        };
        String lead = site.name() + " " + period(facts) + ": " + s.healthy() + " of " + s.total() + " devices healthy, "
                + s.warning() + " warning, " + s.critical() + " critical" + (s.offline() > 0 ? ", " + s.offline() + " offline" : "")
                + (uptime == null ? "" : "; mean uptime " + fmt(uptime) + "%") + "; " + anomalies
                + (anomalies == 1 ? " anomaly" : " anomalies") + " on " + withAnomalies + (withAnomalies == 1 ? " device" : " devices")
                + "; " + events + " events logged.";
        DeviceFacts triggerDevice = trigger == null ? null
                : facts.devices().stream().filter(d -> d.id() == trigger.deviceId()).findFirst().orElse(null);
        if (triggerDevice != null) {
            lead = incidentLead(triggerDevice, trigger) + " " + lead;
        }
        Narration n = narrator.narrate(new NarrationTask(NarrationTask.Kind.REPORT, r.mode(), facts, focus, lead, recs, null,
                r.model()));
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("uptime", uptime == null ? "no data" : fmt(uptime) + "%");
        km.put("site_health_score", s.healthScore());
        km.put("total_devices", s.total());
        km.put("devices_healthy", s.healthy());
        km.put("devices_warning", s.warning());
        km.put("devices_critical", s.critical());
        km.put("devices_offline", s.offline());
        km.put("events_logged", events);
        km.put("anomalies", anomalies);
        km.put("devices_with_anomalies", withAnomalies);
        List<AnomalyFact> list = all.subList(0, Math.min(SITE_INCIDENTS, all.size()));
        Json.Obj content = base(title, n, km, incidents(list, facts, trigger), recs, cost(facts.devices(), uptimes, facts), lead, r, facts)
                .put("scope", "site").put("site_id", site.id()).put("site_name", site.name());
        return new Generated(content.build(), n, site, null, facts.generatedAt());
    }

    private static Json.Obj base(String title, Narration n, Map<String, Object> km, List<Object> incidents, List<String> recs,
                                 String cost, String lead, ReportRequest r, Facts facts) {
        List<Object> similar = new ArrayList<>();
        for (SimilarIncident i : facts.incidents()) {
            similar.add(Json.obj().put("incident_id", i.incidentId()).put("device_name", i.deviceName()).put("date", i.date())
                    .put("description", i.description()).put("resolution", i.resolution())
                    .put("similarity_score", Math.round(i.similarityScore() * 100) / 100.0));
        }
        return Json.obj().put("title", title).put("summary", n.text()).put("key_metrics", km).put("incidents", incidents)
                .put("recommendations", recs).put("cost_impact", cost).put("headline", lead)
                .put("period", Json.obj().put("label", facts.range().label()).put("from", facts.range().from())
                        .put("to", facts.range().to()))
                .put("similar_past_incidents", similar).put("trigger", r.trigger()).put("model_used", n.modelUsed())
                .put("llm", Json.obj().put("status", n.status()).put("degraded", n.degraded()).put("detail", n.detail())
                        .put("model_requested", n.modelRequested()).put("llm_time_ms", n.llmTimeMs())
                        .put("prompt_tokens", n.promptTokens()));
    }

    /** The anomaly an incident report is about: the requested one, else the latest critical (else latest) anomaly. */
    private static AnomalyFact trigger(ReportRequest r, List<AnomalyFact> candidates) {
        ReportRequest.IncidentRef ref = r.incident();
        if (ref != null) {
            return candidates.stream().filter(a -> a.id() != null && a.id() == ref.anomalyId()).findFirst()
                    .orElse(new AnomalyFact(ref.anomalyId(), ref.deviceId(), ref.at(), ref.metric(), ref.value(), null, null,
                            ref.severity(), null, ref.kind(), null));
        }
        return candidates.stream().filter(a -> !a.isEvent() && "critical".equals(a.severity())).findFirst()
                .orElse(candidates.stream().filter(a -> !a.isEvent()).findFirst().orElse(null));
    }

    private List<Object> incidents(List<AnomalyFact> list, Facts facts, AnomalyFact trigger) {
        Map<Long, IncidentLookup.Info> info = lookup.find(list.stream().filter(a -> !a.isEvent() && a.id() != null)
                .map(AnomalyFact::id).toList());
        Map<Long, String> names = facts.siteDevices();
        List<Object> out = new ArrayList<>();
        for (AnomalyFact a : list) {
            IncidentLookup.Info i = a.id() == null || a.isEvent() ? null : info.get(a.id());
            String resolution = a.isEvent() ? "Device event; no resolution tracked"
                    : i != null && i.resolution() != null && !i.resolution().isBlank() ? i.resolution()
                    : "Open: no resolution recorded yet";
            String impact;
            if (i != null) {
                impact = "healthy".equals(i.status()) ? "None: device stayed healthy (health " + fmt(i.healthScore()) + ")"
                        : "Device health " + fmt(i.healthScore()) + " (" + i.status() + ") when detected";
            } else {
                impact = (a.severity() == null ? "Unknown" : cap(a.severity())) + " severity";
            }
            Json.Obj o = Json.obj().put("timestamp", a.at()).put("device_id", a.deviceId())
                    .put("device_name", names.get(a.deviceId())).put("metric", a.metric()).put("severity", a.severity())
                    .put("description", describe(a)).put("resolution", resolution).put("impact", impact)
                    .putIfPresent("incident_id", i == null ? null : i.incidentId());
            if (trigger != null && a == trigger) {
                o.put("trigger", true);
            }
            out.add(o);
        }
        return out;
    }

    private static String describe(AnomalyFact a) {
        if (a.message() != null && !a.message().isBlank()) {
            return a.message();
        }
        if (a.isEvent()) {
            return "Device event " + (a.kind() == null ? a.metric().substring(6) : a.kind()) + (a.value() == null ? ""
                    : " (value " + fmt(a.value()) + ")");
        }
        return cap(a.metric()) + " " + (a.kind() == null ? "anomaly" : a.kind().replace('_', ' ')) + (a.value() == null ? ""
                : " at " + fmt(a.value())) + (a.expected() == null ? "" : " (expected " + fmt(a.expected()) + ")");
    }

    /**
     * Uptime per device of the scope: the facts' values, or (the fact-sheet builder skips uptime for large
     * scopes) computed here with the AI service's {@code StatsDao.uptime} on each device type's first metric.
     */
    private Map<Long, Double> uptimes(Facts facts) {
        Map<Long, Double> out = new java.util.HashMap<>();
        Map<Long, String> missing = new LinkedHashMap<>();
        Map<Long, io.homepot.appliance.store.DeviceType> types = null;
        for (DeviceFacts d : facts.devices()) {
            if (d.uptimePct() != null) {
                out.put(d.id(), d.uptimePct());
                continue;
            }
            if (types == null) {
                types = ctx.facts().deviceTypes();
            }
            var t = types.get(d.device().deviceTypeId());
            if (t != null && !t.metrics().isEmpty()) {
                missing.put(d.id(), t.metrics().getFirst().name());
            }
        }
        if (!missing.isEmpty()) {
            ctx.stats().uptime(missing, facts.range().from(), facts.range().to(), facts.generatedAt())
                    .forEach((id, v) -> out.put(id, Math.round(v * 10) / 10.0));
        }
        return out;
    }

    private String cost(List<DeviceFacts> scope, Map<Long, Double> uptimes, Facts facts) {
        AiConfig c = ctx.config();
        if (!c.costsConfigured()) {
            return "not configured";
        }
        double hours = 0;
        int visits = 0;
        for (DeviceFacts d : scope) {
            Double up = uptimes.get(d.id());
            if (up != null) {
                hours += (100 - up) / 100.0 * facts.range().length().toMinutes() / 60.0;
            }
            if (List.of("warning", "critical", "offline").contains(d.status())) {
                visits++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (c.downtimeCostPerHour() != null) {
            parts.add(c.currency() + fmt(hours * c.downtimeCostPerHour()) + " downtime cost (" + fmt(hours)
                    + " device-hours without data at " + c.currency() + fmt(c.downtimeCostPerHour()) + " per hour)");
        }
        if (c.maintenanceVisitCost() != null) {
            parts.add(c.currency() + fmt(visits * c.maintenanceVisitCost()) + " estimated preventive maintenance (" + visits
                    + (visits == 1 ? " visit" : " visits") + ")");
        }
        return String.join(", ", parts);
    }

    private static String deviceLead(DeviceFacts d, Facts facts) {
        String up = d.uptimePct() == null ? d.name() + " reported no data " + period(facts)
                : d.name() + " maintained " + fmt(d.uptimePct()) + "% uptime " + period(facts);
        return up + " with " + d.anomalyCount() + (d.anomalyCount() == 1 ? " anomaly" : " anomalies") + " detected and "
                + d.eventCount() + " events logged; " + healthPhrase(d) + ".";
    }

    private static String incidentLead(DeviceFacts d, AnomalyFact a) {
        String unit = d.metrics().stream().filter(m -> m.metric().equals(a.metric())).findFirst().map(m -> unit(m.unit())).orElse("");
        return cap(a.severity() == null ? "" : a.severity() + " ") + a.metric() + " anomaly on " + d.name()
                + (a.at() == null ? "" : " at " + DAY.format(a.at()) + " UTC")
                + (a.value() == null ? "" : ": " + fmt(a.value()) + unit) + (a.kind() == null ? "" : " (" + a.kind().replace('_', ' ') + ")")
                + "; " + healthPhrase(d) + ".";
    }

    private static String healthPhrase(DeviceFacts d) {
        return d.health().score() == null ? "status " + d.status() : "health " + fmt(d.health().score()) + " (" + d.status() + ")";
    }

    private static Double meanUptime(Map<Long, Double> uptimes) {
        return uptimes.isEmpty() ? null
                : Math.round(uptimes.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 10) / 10.0;
    }

    private static int rank(String severity) {
        return "critical".equals(severity) ? 0 : "warning".equals(severity) ? 1 : 2;
    }

    private static String span(ReportRequest r) {
        return DAY.format(r.range().from()) + " to " + DAY.format(r.range().to()) + " UTC";
    }

    static String period(Facts f) {
        String l = f.range().label();
        if (l.matches("\\d+h")) {
            return "over the last " + l.replace("h", " h");
        }
        if (l.matches("\\d+d")) {
            return "over the last " + l.replace("d", l.equals("1d") ? " day" : " days");
        }
        return "from " + DAY.format(f.range().from()) + " to " + DAY.format(f.range().to()) + " UTC";
    }

    static String fmt(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static String unit(String u) {
        return u == null || u.isBlank() ? "" : u.equals("%") ? "%" : " " + u;
    }

    private static String cap(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
