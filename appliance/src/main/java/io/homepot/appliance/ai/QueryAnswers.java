package io.homepot.appliance.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.ForecastFact;
import io.homepot.appliance.ai.facts.MetricStats;
import io.homepot.appliance.ai.narrate.Narration;
import io.homepot.appliance.ai.narrate.NarrationTask;
import io.homepot.appliance.ai.query.QueryIntent;
import io.homepot.appliance.ai.query.QueryParser;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Site;
import jakarta.json.JsonObject;

/**
 * {@code POST /api/ai/query}: understands the question without the LLM ({@link QueryParser}), computes
 * the facts of the devices it refers to, picks the relevant devices from those facts, writes the
 * appliance's own one-sentence answer, and has the narrator turn it all into prose.
 */
public final class QueryAnswers {
    private final AiContext ctx;

    public QueryAnswers(AiContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Answers a question. {@code tokens} (nullable) receives the answer text as it is produced.
     *
     * @throws LlmBusyException when the model's queue is full
     */
    public JsonObject answer(String question, AnalysisMode mode, String model, Consumer<String> tokens)
            throws LlmBusyException {
        long t0 = System.nanoTime();
        String version = ctx.stats().dataVersion();
        String key = "query|" + question.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + "|" + mode.id()
                + "|" + ctx.resolveModel(model) + "|" + version;
        JsonObject hit = ctx.cache().get(key);
        if (hit != null) {
            if (tokens != null) {
                tokens.accept(hit.getString("answer"));
            }
            return AiJson.with(hit, "response_time_ms", ms(t0), "cached", true);
        }
        FactSheetBuilder fb = ctx.facts();
        List<Device> all = ctx.stores().devices().list(new DeviceQuery(null, null, null, null, 100_000, 0)).items();
        Map<Long, List<Device>> bySite = new HashMap<>();
        all.forEach(d -> bySite.computeIfAbsent(d.siteId(), k -> new ArrayList<>()).add(d));
        List<DeviceType> types = ctx.stores().deviceTypes().list();
        QueryIntent intent = ctx.parser().parse(question,
                new QueryParser.Catalog(ctx.stores().sites().list(), bySite, types), fb.now());
        Site site = intent.site();
        List<Device> siteDevices = site == null ? List.of() : bySite.getOrDefault(site.id(), List.of());
        List<Device> candidates = !intent.devices().isEmpty() ? intent.devices()
                : !intent.typeCodes().isEmpty() ? siteDevices.stream().filter(d -> intent.typeCodes().contains(d.typeCode())).toList()
                : siteDevices;
        Map<Long, DeviceType> typesById = new HashMap<>();
        types.forEach(t -> typesById.put(t.id(), t));
        // past incidents: a question about named devices or types is about their state, so the search text is built
        // from their facts (the same text for every question about that state: its vector is cached); a general
        // question ("have we ever had a power cut?") is searched by its own words
        String incidentText = intent.devices().isEmpty() && intent.typeCodes().isEmpty() ? question : null;
        Facts facts = fb.build(new FactSheetBuilder.Scope(site, candidates, intent.range(), intent.forecast()
                || !intent.devices().isEmpty(), intent.horizonHours(), incidentText, 3), typesById, siteDevices, version);
        Selection sel = select(intent, facts, types);
        List<String> recs = ctx.recommender().recommend(sel.focus(), facts.incidents(), 5);
        NarrationTask task = new NarrationTask(NarrationTask.Kind.QUERY, mode, facts, sel.focus(), sel.lead(), recs,
                question, model);
        Narration n = tokens == null ? ctx.narrator().narrate(task) : ctx.narrator().narrate(task, tokens);
        List<Object> relevant = new ArrayList<>();
        sel.focus().stream().limit(20).forEach(d -> relevant.add(AiJson.device(d)));
        JsonObject out = Json.obj().put("answer", n.text()).put("relevant_devices", relevant).put("mode", mode.id())
                .put("response_time_ms", ms(t0)).put("model_used", n.modelUsed()).put("llm", AiJson.llm(n))
                .put("verification", AiJson.verification(n.verification()))
                .put("understood", understood(intent))
                .put("recommendations", recs)
                .put("data_version", version).put("cached", false).put("generated_at", facts.generatedAt()).build();
        ctx.cache().put(key, out, n.degraded());
        return out;
    }

    private static Json.Obj understood(QueryIntent i) {
        return Json.obj().put("site", i.site() == null ? null : Json.obj().put("id", i.site().id()).put("name", i.site().name()))
                .put("devices", i.devices().stream().map(d -> (Object) Json.obj().put("id", d.id()).put("name", d.name())).toList())
                .put("device_types", List.copyOf(i.typeCodes()))
                .put("metrics", i.metrics().stream().map(m -> (Object) Json.obj().put("metric", m.metric())
                        .put("direction", m.direction())).toList())
                .put("period", Json.obj().put("label", i.range().label()).put("from", i.range().from()).put("to", i.range().to()))
                .put("forecast", i.forecast()).put("horizon_hours", i.forecast() ? i.horizonHours() : null);
    }

    /** The devices the answer is about and the appliance's one-sentence answer. */
    record Selection(List<DeviceFacts> focus, String lead) {
    }

    static Selection select(QueryIntent intent, Facts facts, List<DeviceType> types) {
        List<DeviceFacts> devs = facts.devices();
        String period = period(facts);
        String what = label(intent, types, devs.size());
        if (!intent.devices().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (DeviceFacts d : devs) {
                StringBuilder b = new StringBuilder(d.name()).append(" is ").append(d.status());
                if (d.health().score() != null) {
                    b.append(" (health score ").append(fmt(d.health().score())).append(")");
                }
                if (!d.health().factors().isEmpty()) {
                    b.append(": ").append(d.health().factors().getFirst().explanation());
                } else {
                    b.append(": nothing abnormal ").append(period);
                }
                if (d.anomalyCount() > 0) {
                    b.append("; ").append(d.anomalyCount()).append(d.anomalyCount() == 1 ? " anomaly" : " anomalies")
                            .append(" ").append(period);
                }
                parts.add(b.toString());
            }
            return new Selection(devs, String.join(". ", parts) + ".");
        }
        List<QueryIntent.MetricCondition> conds = intent.metrics().stream().filter(c -> !c.direction().equals("any")).toList();
        if (!conds.isEmpty() && !intent.forecast()) {
            record Hit(DeviceFacts d, MetricStats m, double excess) {
            }
            List<Hit> hits = new ArrayList<>();
            MetricStats extreme = null;
            DeviceFacts extremeDev = null;
            for (DeviceFacts d : devs) {
                for (QueryIntent.MetricCondition c : conds) {
                    MetricStats m = d.metric(c.metric());
                    if (m == null) {
                        continue;
                    }
                    boolean high = c.direction().equals("high");
                    boolean anomaly = d.anomalies().stream().anyMatch(a -> !a.isEvent() && c.metric().equals(a.metric())
                            && a.value() != null && (high ? a.expected() == null || a.value() > a.expected()
                            : a.expected() == null || a.value() < a.expected()));
                    if (high ? m.ranHigh() || anomaly : m.ranLow() || anomaly) {
                        Double ref = high ? (m.thresholds().warnHigh() != null ? m.thresholds().warnHigh() : m.normalMax())
                                : (m.thresholds().warnLow() != null ? m.thresholds().warnLow() : m.normalMin());
                        double excess = ref == null ? 0 : high ? m.max() - ref : ref - m.min();
                        hits.add(new Hit(d, m, excess));
                    }
                    if (extreme == null || (high ? m.max() > extreme.max() : m.min() < extreme.min())) {
                        extreme = m;
                        extremeDev = d;
                    }
                }
            }
            hits.sort(Comparator.comparingDouble((Hit h) -> -h.excess()).thenComparingLong(h -> h.d().id()));
            Set<DeviceFacts> focus = new LinkedHashSet<>();
            hits.forEach(h -> focus.add(h.d()));
            QueryIntent.MetricCondition c0 = conds.getFirst();
            boolean high = c0.direction().equals("high");
            String verb = c0.metric().toLowerCase(Locale.ROOT).contains("temp") ? (high ? "ran hot" : "ran cold")
                    : "had " + (high ? "high " : "low ") + c0.metric();
            if (focus.isEmpty()) {
                String tail = extreme == null ? "." : "; the " + (high ? "highest" : "lowest") + " " + extreme.metric()
                        + " was " + fmt(high ? extreme.max() : extreme.min()) + unit(extreme) + " on " + extremeDev.name() + ".";
                return new Selection(List.of(), "None of the " + devs.size() + " " + what + " " + verb + " " + period
                        + " (no reading reached its warning level)" + tail);
            }
            List<String> names = new ArrayList<>();
            for (Hit h : hits) {
                if (names.size() < 6 && names.stream().noneMatch(x -> x.startsWith(h.d().name() + " ("))) {
                    names.add(h.d().name() + " (" + (high ? "peak " + fmt(h.m().max()) : "low " + fmt(h.m().min())) + unit(h.m())
                            + (h.m().level(high ? h.m().max() : h.m().min()) == null ? ""
                            : ", " + h.m().level(high ? h.m().max() : h.m().min()) + " level") + ")");
                }
            }
            return new Selection(List.copyOf(focus), focus.size() + " of the " + devs.size() + " " + what + " " + verb + " "
                    + period + ": " + String.join(", ", names) + ".");
        }
        if (intent.forecast()) {
            int horizon = intent.horizonHours();
            List<DeviceFacts> risky = new ArrayList<>(devs.stream().filter(d -> d.maxRisk() >= 0.5
                    || "critical".equals(d.status()) || d.forecasts().stream().anyMatch(x -> within(x, horizon))).toList());
            risky.sort(Comparator.comparingDouble((DeviceFacts d) -> -d.maxRisk()).thenComparingLong(DeviceFacts::id));
            if (risky.isEmpty()) {
                DeviceFacts top = devs.stream().max(Comparator.comparingDouble(DeviceFacts::maxRisk)).orElse(null);
                String tail = top == null || top.forecasts().isEmpty() ? "" : "; the highest risk is " + top.name() + " ("
                        + best(top).metric() + ", risk " + fmt(top.maxRisk()) + ")";
                return new Selection(List.of(), "Nothing among the " + devs.size() + " " + what
                        + " is forecast to reach a warning or critical level within " + intent.horizonHours() + " h" + tail + ".");
            }
            List<String> names = new ArrayList<>();
            for (DeviceFacts d : risky.subList(0, Math.min(6, risky.size()))) {
                ForecastFact x = best(d);
                if (x == null) {
                    names.add(d.name() + " (already critical)");
                } else {
                    boolean crit = x.timeToCriticalHours() != null && x.timeToCriticalHours() <= horizon;
                    Double h = crit ? x.timeToCriticalHours() : x.timeToWarningHours();
                    String lvl = crit ? "critical" : "warning";
                    names.add(d.name() + " (" + x.metric() + (h == null ? "" : h == 0 ? ", already at its " + lvl + " level"
                            : ", " + lvl + " level in about " + fmt(Math.max(1, Math.round(h))) + " h") + ", risk " + fmt(x.riskScore()) + ")");
                }
            }
            return new Selection(risky, risky.size() + " of the " + devs.size() + " " + what
                    + " are likely to reach a warning or critical level within " + intent.horizonHours() + " h: "
                    + String.join(", ", names) + ".");
        }
        List<DeviceFacts> bad = new ArrayList<>(devs.stream().filter(d -> !"healthy".equals(d.status())
                && !"unknown".equals(d.status())).toList());
        bad.sort(Comparator.comparingDouble((DeviceFacts d) -> d.health().score() == null ? 1 : d.health().score())
                .thenComparingLong(DeviceFacts::id));
        long healthy = devs.stream().filter(d -> "healthy".equals(d.status())).count();
        String where = facts.site() == null ? "" : " in " + facts.site().name();
        if (bad.isEmpty()) {
            List<DeviceFacts> focus = intent.typeCodes().isEmpty() ? List.of() : devs.stream().limit(20).toList();
            return new Selection(focus, "All " + devs.size() + " " + what + where + " are healthy " + period
                    + (healthy < devs.size() ? " (" + (devs.size() - healthy) + " without a health score yet)" : "") + ".");
        }
        List<String> names = bad.stream().limit(6).map(d -> d.name() + " (" + d.status()
                + (d.health().score() == null ? "" : ", " + fmt(d.health().score())) + ")").toList();
        return new Selection(bad, healthy + " of the " + devs.size() + " " + what + where + " are healthy; "
                + bad.size() + " need attention: " + String.join(", ", names) + ".");
    }

    private static boolean within(ForecastFact x, int horizon) {
        return x.timeToWarningHours() != null && x.timeToWarningHours() > 0 && x.timeToWarningHours() <= horizon
                || x.timeToCriticalHours() != null && x.timeToCriticalHours() <= horizon;
    }

    private static ForecastFact best(DeviceFacts d) {
        return d.forecasts().stream().max(Comparator.comparingDouble(ForecastFact::riskScore)).orElse(null);
    }

    private static String label(QueryIntent intent, List<DeviceType> types, int n) {
        if (intent.typeCodes().size() > 1) {
            // a word every named type shares ("sensor" for temperature and temperature/humidity sensors)
            for (String w : List.of("sensor", "terminal", "switch", "unit")) {
                if (intent.typeCodes().stream().allMatch(c -> types.stream().anyMatch(t -> t.code().equals(c)
                        && (t.code() + " " + t.name()).toLowerCase(Locale.ROOT).contains(w)))) {
                    return n == 1 ? w : w.endsWith("ch") ? w + "es" : w + "s";
                }
            }
        }
        if (intent.typeCodes().size() == 1) {
            String code = intent.typeCodes().iterator().next();
            String name = types.stream().filter(t -> t.code().equals(code)).map(DeviceType::name).findFirst().orElse(code);
            String l = name.toLowerCase(Locale.ROOT);
            return n == 1 ? l : l.endsWith("s") ? l : l.endsWith("ch") || l.endsWith("sh") ? l + "es" : l + "s";
        }
        return n == 1 ? "device" : "devices";
    }

    static String period(Facts f) {
        String l = f.range().label();
        if (l.matches("\\d+h")) {
            return "in the last " + l.replace("h", " h");
        }
        if (l.matches("\\d+d")) {
            return "in the last " + l.replace("d", " days");
        }
        return l;
    }

    static String unit(MetricStats m) {
        return m.unit() == null || m.unit().isBlank() ? "" : m.unit().equals("%") ? "%" : " " + m.unit();
    }

    static String fmt(double v) {
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
