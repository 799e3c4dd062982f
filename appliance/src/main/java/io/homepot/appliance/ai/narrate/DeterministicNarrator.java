package io.homepot.appliance.ai.narrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.ai.facts.AnomalyFact;
import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.FactSheets;
import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.ForecastFact;
import io.homepot.appliance.ai.facts.HealthFactor;
import io.homepot.appliance.ai.facts.MetricStats;
import io.homepot.appliance.ai.facts.SimilarIncident;
import io.homepot.appliance.llm.prompt.AnalysisMode;

/**
 * Writes the narrative directly from the facts, in the mode's structure (maintenance: Summary /
 * Findings / Likely cause / Actions; predictive: Outlook / Risks / Schedule / Watch list; executive:
 * Headline / Key figures / Impact / Recommendation). Deterministic: the same facts give the same text.
 * Used when the LLM is absent, slow or broken, and by anything that wants prose without a model.
 */
public final class DeterministicNarrator implements Narrator {
    private static final int MAX_DEVICES = 5;
    /** Renders every fact (no caps) for verification. */
    private static final io.homepot.appliance.llm.prompt.FactSheetRenderer ALL = new io.homepot.appliance.llm.prompt.FactSheetRenderer(
            new io.homepot.appliance.llm.prompt.FactSheetRenderer.Limits(100_000, 100_000, 100_000, 100_000, 100_000, 100_000));
    private final AiConfig config;
    private final GroundingVerifier verifier = new GroundingVerifier();

    public DeterministicNarrator(AiConfig config) {
        this.config = config;
    }

    @Override
    public Narration narrate(NarrationTask task) {
        return degraded(task, "disabled", "narrated without the language model");
    }

    /**
     * The deterministic narrative flagged with the LLM's failure {@code status} and {@code detail}. Its
     * verification lists the devices it names ({@link Verification#DETERMINISTIC}); {@link #check} is the full
     * check, which tests run over every demo device, mode and kind.
     */
    public Narration degraded(NarrationTask task, String status, String detail) {
        String text = write(task);
        return new Narration(text, status, true, detail, Narration.DETERMINISTIC, null, 0, 0, 0,
                Verification.deterministic(GroundingVerifier.mentionedDevices(text, task.facts())));
    }

    /**
     * Checks {@code text} (what {@link #write} gave for {@code task}) against every fact of the task, uncapped, its
     * lead and its recommendations, as a model's answer is checked.
     */
    public Verification check(NarrationTask task, String text) {
        String facts = ALL.render(FactSheets.of(task.facts(), "", Integer.MAX_VALUE, config));
        return verifier.verify(text, task.facts(), facts + "\n" + task.lead() + "\n"
                + String.join("\n", task.recommendations()), task.question());
    }

    /** The text alone. */
    public String write(NarrationTask t) {
        return switch (t.mode()) {
            case MAINTENANCE -> maintenance(t);
            case PREDICTIVE -> predictive(t);
            case EXECUTIVE -> executive(t);
        };
    }

    private String maintenance(NarrationTask t) {
        StringBuilder b = new StringBuilder();
        b.append("Summary: ").append(t.lead()).append("\n\n");
        b.append("Findings:\n");
        List<DeviceFacts> focus = top(t.focus());
        if (focus.isEmpty()) {
            b.append("- No device matches; nothing to report.\n");
        }
        for (DeviceFacts d : focus) {
            b.append("- ").append(d.name()).append(" (").append(d.typeName()).append("): ").append(statusPhrase(d));
            List<HealthFactor> fs = d.health().factors();
            if (!fs.isEmpty()) {
                b.append(". ").append(cap(fs.get(0).explanation()));
                if (fs.size() > 1) {
                    b.append("; ").append(fs.get(1).explanation());
                }
            }
            String metrics = metricLine(d);
            if (!metrics.isEmpty()) {
                b.append(". Over ").append(period(t)).append(": ").append(metrics);
            }
            b.append(".\n");
        }
        if (t.focus().size() > focus.size()) {
            b.append("- ").append(t.focus().size() - focus.size()).append(" more device(s) not listed.\n");
        }
        b.append("\nLikely cause: ").append(cause(t)).append("\n\n");
        b.append("Actions:\n");
        numbered(b, t.recommendations());
        return b.toString().strip();
    }

    private String predictive(NarrationTask t) {
        StringBuilder b = new StringBuilder();
        b.append("Outlook: ").append(t.lead()).append("\n\n");
        List<DeviceFacts> risky = new ArrayList<>(t.focus().stream().filter(d -> !d.forecasts().isEmpty()).toList());
        risky.sort(Comparator.comparingDouble(DeviceFacts::maxRisk).reversed());
        b.append("Risks:\n");
        if (risky.isEmpty()) {
            b.append("- No forecast is available for these devices yet (they need at least a day of data).\n");
        }
        for (DeviceFacts d : top(risky)) {
            ForecastFact x = d.forecasts().stream().max(Comparator.comparingDouble(ForecastFact::riskScore)).orElseThrow();
            b.append("- ").append(d.name()).append(": ").append(x.metric()).append(" ")
                    .append(FactSheets.Narration.forecastSentence(x)).append(" (risk ").append(Recommender.two(x.riskScore()))
                    .append(", confidence ").append(Recommender.two(x.confidence())).append(").\n");
        }
        b.append("\nSchedule:\n");
        numbered(b, t.recommendations());
        b.append("\nWatch list:\n");
        int n = 0;
        for (DeviceFacts d : top(risky)) {
            for (ForecastFact x : d.forecasts()) {
                if (x.threshold() != null && n < 5 && x.riskScore() >= 0.2) {
                    b.append("- ").append(d.name()).append(" ").append(x.metric()).append(": act at ")
                            .append(fmt(x.threshold())).append(unit(x.unit())).append(" (now ").append(fmt(x.current()))
                            .append(unit(x.unit())).append(").\n");
                    n++;
                }
            }
        }
        if (n == 0) {
            b.append("- Nothing is approaching a threshold.\n");
        }
        return b.toString().strip();
    }

    private String executive(NarrationTask t) {
        Facts f = t.facts();
        StringBuilder b = new StringBuilder();
        b.append("Headline: ").append(t.lead()).append("\n\n");
        b.append("Key figures: ");
        List<String> figs = new ArrayList<>();
        Facts.SiteSummary s = f.siteSummary();
        if (f.site() != null && f.devices().size() > 1) { // site figures, as the fact sheet has them
            if (s.healthScore() != null) {
                figs.add("site health score " + fmt(s.healthScore()));
            }
            figs.add(s.healthy() + " of " + s.total() + " devices healthy");
            figs.add((s.warning() + s.critical() + s.offline()) + " need attention (" + s.warning() + " warning, "
                    + s.critical() + " critical" + (s.offline() > 0 ? ", " + s.offline() + " offline" : "") + ")");
        }
        for (DeviceFacts d : top(t.focus()).subList(0, Math.min(3, t.focus().size()))) {
            String h = d.health().score() == null ? "" : " health " + fmt(d.health().score());
            String up = d.uptimePct() == null ? "" : ", uptime " + fmt(d.uptimePct()) + "%";
            figs.add(d.name() + h + up);
        }
        b.append(figs.isEmpty() ? "no data yet" : String.join("; ", figs)).append(".\n\n");
        b.append("Impact: ").append(impact(t)).append("\n\n");
        b.append("Recommendation: ");
        List<String> r = t.recommendations();
        b.append(r.isEmpty() ? "No decision needed now." : String.join(" ", r.subList(0, Math.min(2, r.size()))));
        return b.toString().strip();
    }

    private String impact(NarrationTask t) {
        List<DeviceFacts> bad = t.focus().stream().filter(d -> !"healthy".equals(d.status()) && !"unknown".equals(d.status()))
                .toList();
        if (bad.isEmpty()) {
            return "No device in scope is degraded; operations are not affected.";
        }
        StringBuilder b = new StringBuilder();
        b.append(bad.size()).append(bad.size() == 1 ? " device is" : " devices are").append(" degraded (")
                .append(String.join(", ", bad.stream().limit(4).map(d -> d.name() + " " + d.status()).toList()))
                .append(bad.size() > 4 ? ", ..." : "").append("); the services they support are at risk until fixed.");
        if (config.costsConfigured() && config.downtimeCostPerHour() != null) {
            double hours = 0;
            for (DeviceFacts d : t.focus()) {
                if (d.uptimePct() != null) {
                    hours += (100 - d.uptimePct()) / 100.0 * t.facts().range().length().toMinutes() / 60.0;
                }
            }
            b.append(" Estimated downtime cost over ").append(period(t)).append(": ").append(config.currency())
                    .append(fmt(hours * config.downtimeCostPerHour())).append(" (").append(fmt(hours))
                    .append(" device-hours without data at ").append(config.currency())
                    .append(fmt(config.downtimeCostPerHour())).append(" per hour).");
        }
        return b.toString();
    }

    private static String cause(NarrationTask t) {
        SimilarIncident inc = t.facts().incidents().stream().filter(i -> i.resolution() != null && !i.resolution().isBlank())
                .findFirst().orElse(t.facts().incidents().isEmpty() ? null : t.facts().incidents().getFirst());
        DeviceFacts worst = t.focus().stream().filter(d -> !d.health().factors().isEmpty())
                .min(Comparator.comparingDouble(d -> d.health().score() == null ? 1 : d.health().score())).orElse(null);
        StringBuilder b = new StringBuilder();
        if (worst != null) {
            HealthFactor f = worst.health().factors().getFirst();
            b.append("the largest factor is on ").append(worst.name()).append(": ").append(f.explanation());
            AnomalyFact a = worst.anomalies().stream().filter(x -> !x.isEvent() && x.kind() != null).findFirst().orElse(null);
            if (a != null) {
                b.append(" (latest anomaly: ").append(a.kind().replace('_', ' ')).append(" on ").append(a.metric()).append(")");
            }
            b.append(".");
        } else {
            b.append("no fault to explain: nothing abnormal was measured in ").append(period(t)).append(".");
            if (inc != null) {
                b.append(" For reference, the most similar past incident").append(inc.date() == null ? "" : " (" + inc.date() + ")")
                        .append(" was \"").append(inc.description()).append("\"").append(".");
            }
            return cap(b.toString());
        }
        if (inc != null) {
            b.append(" Similar past incident").append(inc.date() == null ? "" : " (" + inc.date() + ")").append(": \"")
                    .append(inc.description()).append("\"");
            if (inc.resolution() != null && !inc.resolution().isBlank()) {
                b.append(", resolved by \"").append(inc.resolution()).append("\"");
            }
            b.append(" (similarity ").append(Recommender.two(inc.similarityScore())).append(").");
        }
        return cap(b.toString());
    }

    static String statusPhrase(DeviceFacts d) {
        String s = d.status();
        return d.health().score() == null ? s + ", no health score yet" : s + ", health score " + fmt(d.health().score());
    }

    private static String metricLine(DeviceFacts d) {
        List<String> parts = new ArrayList<>();
        for (MetricStats m : d.metrics().stream().limit(3).toList()) {
            parts.add(m.metric() + " avg " + fmt(m.avg()) + ", max " + fmt(m.max()) + unit(m.unit()) + " (now "
                    + fmt(m.last()) + ")");
        }
        if (d.anomalyCount() > 0) {
            parts.add(d.anomalyCount() + (d.anomalyCount() == 1 ? " anomaly" : " anomalies"));
        }
        return String.join("; ", parts);
    }

    private static void numbered(StringBuilder b, List<String> items) {
        if (items.isEmpty()) {
            b.append("1. No action needed now; keep monitoring.\n");
        }
        for (int i = 0; i < items.size(); i++) {
            b.append(i + 1).append(". ").append(items.get(i)).append('\n');
        }
    }

    private static List<DeviceFacts> top(List<DeviceFacts> l) {
        return l.subList(0, Math.min(MAX_DEVICES, l.size()));
    }

    static String period(NarrationTask t) {
        String l = t.facts().range().label();
        if (l.matches("\\d+h")) {
            return "the last " + l.replace("h", " h");
        }
        return l.matches("\\d+d") ? "the last " + l.replace("d", " days") : l;
    }

    static String fmt(double v) {
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return String.valueOf((long) r);
        }
        return String.format(Locale.ROOT, Math.abs(r * 10 - Math.rint(r * 10)) < 1e-9 ? "%.1f" : "%.2f", r);
    }

    static String unit(String u) {
        return u == null || u.isBlank() ? "" : u.equals("%") ? "%" : " " + u;
    }

    static String cap(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
