package io.homepot.appliance.llm.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static io.homepot.appliance.llm.prompt.JsonText.number;
import static io.homepot.appliance.llm.prompt.JsonText.quote;

/**
 * Renders a {@link FactSheet} as a compact, deterministic text block:
 * <pre>
 * &lt;facts&gt;
 * scope: "Building A"
 * period: "24h"
 * figures:
 * {"name":"uptime","value":99.8,"unit":"%"}
 * devices:
 * {"id":"pos-12","name":"POS-12",...,"health_score":0.42,"factors":[...]}
 * metrics:
 * anomalies: none
 * ...
 * &lt;/facts&gt;
 * </pre>
 * Section headers are appliance text; every value coming from data is a JSON literal (see
 * {@link JsonText}), one object per line with a fixed key order. Lists are sorted (devices by
 * health score then id, metrics by device and metric, anomalies newest first, forecasts by risk,
 * incidents by similarity) so the same facts always give the same bytes whatever order they were
 * collected in, and capped by {@link Limits} with an explicit "(N more ... omitted)" line.
 */
public final class FactSheetRenderer {

    /** Opening delimiter. */
    public static final String OPEN = "<facts>";
    /** Closing delimiter. */
    public static final String CLOSE = "</facts>";

    /** Maximum items per section. */
    public record Limits(int figures, int devices, int metrics, int anomalies, int forecasts, int incidents) {
        /** Defaults sized for a 4k-token context on small models. */
        public static Limits defaults() {
            return new Limits(20, 40, 60, 20, 20, 5);
        }
    }

    private final Limits limits;

    public FactSheetRenderer(Limits limits) {
        this.limits = limits;
    }

    public FactSheetRenderer() {
        this(Limits.defaults());
    }

    /** The facts block, from {@code <facts>} to {@code </facts>}, ending with a newline. */
    public String render(FactSheet f) {
        StringBuilder b = new StringBuilder(1024);
        b.append(OPEN).append('\n');
        b.append("scope: ").append(quote(f.scope())).append('\n');
        b.append("period: ").append(quote(f.period())).append('\n');
        section(b, "figures", f.figures(), limits.figures(),
                Comparator.comparing(FactSheet.Figure::name, Comparator.nullsFirst(Comparator.naturalOrder())),
                x -> "{\"name\":" + quote(x.name()) + ",\"value\":" + number(x.value()) + ",\"unit\":"
                        + quote(x.unit()) + "}");
        section(b, "devices", f.devices(), limits.devices(),
                Comparator.comparing(FactSheet.Device::healthScore, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(FactSheet.Device::id),
                FactSheetRenderer::device);
        section(b, "metrics", f.metrics(), limits.metrics(),
                Comparator.comparing(FactSheet.MetricStat::deviceId, nullsFirst())
                        .thenComparing(FactSheet.MetricStat::metric, nullsFirst()),
                m -> "{\"device\":" + quote(m.deviceId()) + ",\"metric\":" + quote(m.metric()) + ",\"unit\":"
                        + quote(m.unit()) + ",\"min\":" + number(m.min()) + ",\"avg\":" + number(m.avg())
                        + ",\"max\":" + number(m.max()) + ",\"last\":" + number(m.last()) + ",\"samples\":"
                        + m.samples() + "}");
        section(b, "anomalies", f.anomalies(), limits.anomalies(),
                Comparator.comparing(FactSheet.Anomaly::at, nullsFirst()).reversed()
                        .thenComparing(FactSheet.Anomaly::deviceId, nullsFirst())
                        .thenComparing(FactSheet.Anomaly::metric, nullsFirst()),
                a -> "{\"device\":" + quote(a.deviceId()) + ",\"at\":" + quote(a.at()) + ",\"metric\":"
                        + quote(a.metric()) + ",\"value\":" + number(a.value()) + ",\"severity\":"
                        + quote(a.severity()) + ",\"message\":" + quote(a.message()) + "}");
        section(b, "forecasts", f.forecasts(), limits.forecasts(),
                Comparator.comparing((FactSheet.Forecast x) -> x.riskScore() == null ? -1 : x.riskScore())
                        .reversed().thenComparing(FactSheet.Forecast::deviceId, nullsFirst())
                        .thenComparing(FactSheet.Forecast::metric, nullsFirst()),
                x -> "{\"device\":" + quote(x.deviceId()) + ",\"metric\":" + quote(x.metric()) + ",\"horizon\":"
                        + quote(x.horizon()) + ",\"prediction\":" + quote(x.prediction()) + ",\"confidence\":"
                        + number(x.confidence()) + ",\"risk_score\":" + number(x.riskScore()) + "}");
        section(b, "similar_incidents", f.incidents(), limits.incidents(),
                Comparator.comparingDouble(FactSheet.Incident::similarity).reversed()
                        .thenComparing(FactSheet.Incident::date, nullsFirst()),
                i -> "{\"date\":" + quote(i.date()) + ",\"device\":" + quote(i.deviceId()) + ",\"description\":"
                        + quote(i.description()) + ",\"resolution\":" + quote(i.resolution()) + ",\"similarity\":"
                        + number(i.similarity()) + "}");
        return b.append(CLOSE).append('\n').toString();
    }

    private static String device(FactSheet.Device d) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"id\":").append(quote(d.id())).append(",\"name\":").append(quote(d.name()))
                .append(",\"type\":").append(quote(d.type())).append(",\"site\":").append(quote(d.site()))
                .append(",\"status\":").append(quote(d.status())).append(",\"health_score\":")
                .append(number(d.healthScore())).append(",\"factors\":[");
        List<FactSheet.Factor> factors = new ArrayList<>(d.factors());
        factors.sort(Comparator.comparingDouble((FactSheet.Factor x) -> -Math.abs(x.impact()))
                .thenComparing(FactSheet.Factor::name, nullsFirst()));
        for (int i = 0; i < factors.size(); i++) {
            FactSheet.Factor x = factors.get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(x.name())).append(",\"impact\":")
                    .append(number(x.impact())).append(",\"detail\":").append(quote(x.detail())).append('}');
        }
        return b.append("]}").toString();
    }

    private static <T> void section(StringBuilder b, String name, List<T> items, int max, Comparator<T> order,
                                    Function<T, String> line) {
        if (items.isEmpty()) {
            b.append(name).append(": none\n");
            return;
        }
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(order);
        b.append(name).append(" (").append(items.size()).append("):\n");
        for (int i = 0; i < Math.min(max, sorted.size()); i++) {
            b.append(line.apply(sorted.get(i))).append('\n');
        }
        if (sorted.size() > max) {
            b.append("(").append(sorted.size() - max).append(" more ").append(name).append(" omitted)\n");
        }
    }

    private static Comparator<String> nullsFirst() {
        return Comparator.nullsFirst(Comparator.naturalOrder());
    }
}
