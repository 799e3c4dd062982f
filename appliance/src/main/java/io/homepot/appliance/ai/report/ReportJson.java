package io.homepot.appliance.ai.report;

import java.io.StringReader;

import io.homepot.appliance.api.Json;
import io.homepot.appliance.store.Report;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The API shapes of a stored report (field names per {@code docs/api-ai.md} and the seed). */
final class ReportJson {
    private ReportJson() {
    }

    /** The stored content document. */
    static JsonObject content(Report r) {
        try {
            return jakarta.json.Json.createReader(new StringReader(r.content())).readObject();
        } catch (RuntimeException e) {
            return Json.obj().put("title", "(unreadable report content)").put("summary", r.content()).build();
        }
    }

    /** Seed shape: {@code report_id, device_id, report_type, mode, content{...}, generated_at} plus site, period, llm. */
    static JsonObject full(Report r) {
        JsonObject c = content(r);
        return Json.obj().put("report_id", r.id()).put("device_id", r.deviceId()).put("site_id", r.siteId())
                .put("report_type", r.reportType()).put("mode", r.mode()).put("content", c)
                .put("generated_at", r.generatedAt()).put("period", member(c, "period")).put("model_used", member(c, "model_used"))
                .put("llm", member(c, "llm")).build();
    }

    /** List item: {@code report_id, report_type, site_id, device_id, mode, title, generated_at} plus trigger. */
    static JsonObject summary(Report r) {
        JsonObject c = content(r);
        return Json.obj().put("report_id", r.id()).put("report_type", r.reportType()).put("site_id", r.siteId())
                .put("device_id", r.deviceId()).put("mode", r.mode()).put("title", member(c, "title"))
                .put("generated_at", r.generatedAt()).put("trigger", member(c, "trigger")).build();
    }

    private static JsonValue member(JsonObject o, String k) {
        return o.containsKey(k) ? o.get(k) : JsonValue.NULL;
    }
}
