package io.homepot.appliance.ai;

import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.ai.facts.DeviceFacts;
import io.homepot.appliance.ai.facts.HealthFactor;
import io.homepot.appliance.ai.facts.SimilarIncident;
import io.homepot.appliance.ai.narrate.Narration;
import io.homepot.appliance.ai.narrate.Verification;
import io.homepot.appliance.api.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** JSON pieces shared by the AI responses (field names per {@code docs/api-ai.md}). */
final class AiJson {
    private AiJson() {
    }

    /** {@code {"status", "degraded", "detail", "model_requested", "llm_time_ms", "prompt_chars", "prompt_tokens"}} */
    static Json.Obj llm(Narration n) {
        return Json.obj().put("status", n.status()).put("degraded", n.degraded()).put("detail", n.detail())
                .put("model_requested", n.modelRequested()).put("llm_time_ms", n.llmTimeMs())
                .put("prompt_chars", n.promptChars()).put("prompt_tokens", n.promptTokens());
    }

    static Json.Obj verification(Verification v) {
        return Json.obj().put("grounded", v.grounded()).put("devices_mentioned", v.devicesMentioned())
                .put("unknown_devices", v.unknownDevices()).put("numbers_checked", v.numbersChecked())
                .put("unsupported_numbers", v.unsupportedNumbers()).put("method", v.method());
    }

    /** Seed's relevant device {@code {"id", "name", "status"}} plus health score and type. */
    static Json.Obj device(DeviceFacts d) {
        return Json.obj().put("id", d.id()).put("name", d.name()).put("status", d.status())
                .put("health_score", d.health().score()).put("type", d.device().typeCode());
    }

    static List<Object> factors(List<HealthFactor> fs) {
        List<Object> out = new ArrayList<>();
        for (HealthFactor f : fs) {
            out.add(Json.obj().put("name", f.name()).put("metric", f.metric())
                    .put("penalty", Math.round(f.penalty() * 1000) / 1000.0).put("explanation", f.explanation()));
        }
        return out;
    }

    static List<Object> incidents(List<SimilarIncident> list) {
        List<Object> out = new ArrayList<>();
        for (SimilarIncident i : list) {
            out.add(Json.obj().put("incident_id", i.incidentId()).put("device_id", i.deviceId())
                    .put("device_name", i.deviceName()).put("date", i.date()).put("description", i.description())
                    .put("category", i.category()).put("severity", i.severity()).put("resolution", i.resolution())
                    .put("similarity_score", i.similarityScore()));
        }
        return out;
    }

    /** A copy of {@code o} with some members replaced. */
    static JsonObject with(JsonObject o, String k1, Object v1, String k2, Object v2) {
        JsonObjectBuilder b = jakarta.json.Json.createObjectBuilder(o);
        b.add(k1, Json.value(v1));
        b.add(k2, Json.value(v2));
        return b.build();
    }
}
