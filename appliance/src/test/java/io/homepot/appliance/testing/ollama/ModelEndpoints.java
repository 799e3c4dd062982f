package io.homepot.appliance.testing.ollama;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;

/** {@code GET /api/tags} and {@code GET /api/ps} bodies of the {@link OllamaDouble}. */
final class ModelEndpoints {

    private ModelEndpoints() {
    }

    static JsonObject tags(OllamaDouble d) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        for (ModelSpec s : d.models) {
            arr.add(modelJson(s).add("modified_at", "2026-11-01T09:30:00.000000000Z"));
        }
        return Json.createObjectBuilder().add("models", arr).build();
    }

    static JsonObject ps(OllamaDouble d) {
        JsonArrayBuilder arr = Json.createArrayBuilder();
        Instant now = Instant.now();
        d.loaded.entrySet().removeIf(e -> e.getValue().isBefore(now));
        d.loaded.forEach((name, exp) -> {
            ModelSpec s = d.spec(name);
            if (s != null) {
                arr.add(modelJson(s).add("expires_at", exp.toString()).add("size_vram", 0L)
                        .add("context_length", 4096));
            }
        });
        return Json.createObjectBuilder().add("models", arr).build();
    }

    private static JsonObjectBuilder modelJson(ModelSpec s) {
        return Json.createObjectBuilder().add("name", s.name()).add("model", s.name()).add("size", s.sizeBytes())
                .add("digest", s.digest())
                .add("details", Json.createObjectBuilder().add("parent_model", "").add("format", "gguf")
                        .add("family", s.family()).add("families", Json.createArrayBuilder().add(s.family()))
                        .add("parameter_size", s.parameterSize()).add("quantization_level", s.quantization()));
    }
}
