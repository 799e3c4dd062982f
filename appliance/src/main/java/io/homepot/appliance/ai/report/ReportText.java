package io.homepot.appliance.ai.report;

import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A stored report as a plain-text e-mail (subject and body). */
public final class ReportText {
    private ReportText() {
    }

    /** {@code [HOMEPOT] <title>}. */
    public static String subject(JsonObject report) {
        return "[HOMEPOT] " + report.getJsonObject("content").getString("title", "Report " + report.get("report_id"));
    }

    /** The report as readable text. */
    public static String body(JsonObject report) {
        JsonObject c = report.getJsonObject("content");
        StringBuilder b = new StringBuilder();
        b.append(c.getString("title", "")).append("\n\n");
        if (c.containsKey("site_name") && c.get("site_name") instanceof JsonString s) {
            b.append("Site: ").append(s.getString()).append('\n');
        }
        if (c.containsKey("device_name") && c.get("device_name") instanceof JsonString d) {
            b.append("Device: ").append(d.getString()).append('\n');
        }
        if (c.get("period") instanceof JsonObject p) {
            b.append("Period: ").append(p.getString("from", "")).append(" to ").append(p.getString("to", ""))
                    .append(" (").append(p.getString("label", "")).append(")\n");
        }
        b.append("Type: ").append(report.getString("report_type", "")).append(", mode: ").append(report.getString("mode", ""))
                .append(", generated ").append(text(report.get("generated_at"))).append('\n');
        if (c.get("llm") instanceof JsonObject llm && llm.getBoolean("degraded", false)) {
            b.append("Written by the appliance's deterministic narrator (language model status: ")
                    .append(llm.getString("status", "unavailable")).append(").\n");
        }
        b.append('\n').append(c.getString("summary", "")).append("\n\nKey metrics:\n");
        if (c.get("key_metrics") instanceof JsonObject km) {
            for (Map.Entry<String, JsonValue> e : km.entrySet()) {
                b.append("- ").append(e.getKey().replace('_', ' ')).append(": ").append(text(e.getValue())).append('\n');
            }
        }
        var incidents = c.getJsonArray("incidents");
        b.append("\nIncidents").append(incidents == null ? "" : " (" + incidents.size() + ")").append(":\n");
        if (incidents == null || incidents.isEmpty()) {
            b.append("- none in the period\n");
        } else {
            for (JsonValue v : incidents) {
                JsonObject i = v.asJsonObject();
                b.append("- ").append(text(i.get("timestamp"))).append(' ').append(text(i.get("device_name"))).append(": ")
                        .append(text(i.get("description"))).append(" Resolution: ").append(text(i.get("resolution")))
                        .append(". Impact: ").append(text(i.get("impact"))).append(".\n");
            }
        }
        b.append("\nRecommendations:\n");
        var recs = c.getJsonArray("recommendations");
        for (int i = 0; recs != null && i < recs.size(); i++) {
            b.append(i + 1).append(". ").append(text(recs.get(i))).append('\n');
        }
        b.append("\nCost impact: ").append(text(c.get("cost_impact"))).append("\n\n");
        b.append("Report ").append(text(report.get("report_id"))).append(": GET /api/ai/reports/").append(text(report.get("report_id")))
                .append(" on the appliance.\n");
        return b.toString();
    }

    private static String text(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return "-";
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.isIntegral() ? String.valueOf(n.longValue()) : ReportGenerator.fmt(n.doubleValue());
        }
        return v.toString();
    }
}
