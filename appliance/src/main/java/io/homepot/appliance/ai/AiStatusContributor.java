package io.homepot.appliance.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.api.Json;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.llm.LlmStatus;
import io.homepot.appliance.status.StatusContributor;
import jakarta.json.JsonObject;

/**
 * Adds the seed's Ollama fields to {@code GET /api/ai/status}: top-level {@code ollama_status},
 * {@code ollama_url}, {@code ollama_version}, {@code available_models[{name, size, status}]},
 * {@code loaded_models[]}, {@code memory_usage{}}, plus an {@code ai} section (LLM queue, cache).
 * The probe is the LLM client's (bounded by its status timeout, cached a few seconds).
 */
public final class AiStatusContributor implements StatusContributor {
    private final LlmService llm;
    private final AnswerCache cache;

    public AiStatusContributor(LlmService llm, AnswerCache cache) {
        this.llm = llm;
        this.cache = cache;
    }

    @Override
    public String name() {
        return "ai";
    }

    @Override
    public JsonObject snapshot() {
        double h = cache.hitCount();
        double m = cache.missCount();
        return Json.obj().put("llm_queue_length", llm.queueLength()).put("llm_failing_fast", llm.failingFast())
                .put("default_model", llm.config().defaultModel())
                .put("models", Map.of("fast", llm.config().fastModel(), "balanced", llm.config().balancedModel(),
                        "accurate", llm.config().accurateModel()))
                .put("cache", Json.obj().put("entries", cache.size()).put("hits", (long) h).put("misses", (long) m)
                        .put("hit_rate", h + m == 0 ? null : Math.round(h / (h + m) * 1000) / 1000.0))
                .build();
    }

    @Override
    public Map<String, Object> topLevel() {
        LlmStatus s = llm.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ollama_status", s.ollamaStatus());
        out.put("ollama_url", s.url());
        out.put("ollama_version", s.version());
        if (s.error() != null) {
            out.put("ollama_error", s.error());
        }
        List<Object> models = new ArrayList<>();
        for (LlmStatus.ModelInfo mi : s.availableModels()) {
            models.add(Json.obj().put("name", mi.name()).put("size", mi.size()).put("status", mi.status())
                    .put("parameter_size", mi.parameterSize()).put("quantization", mi.quantizationLevel()));
        }
        out.put("available_models", models);
        List<Object> loaded = new ArrayList<>();
        long loadedBytes = 0;
        for (LlmStatus.LoadedModel lm : s.loadedModels()) {
            loaded.add(Json.obj().put("name", lm.name()).put("size", lm.size()).put("size_vram", lm.sizeVram())
                    .put("expires_at", lm.expiresAt()));
            loadedBytes += Math.max(0, lm.sizeBytes());
        }
        out.put("loaded_models", loaded);
        Runtime rt = Runtime.getRuntime();
        out.put("memory_usage", Json.obj().put("ollama", s.reachable() ? LlmStatus.humanSize(loadedBytes) : null)
                .put("appliance_heap", LlmStatus.humanSize(rt.totalMemory() - rt.freeMemory())));
        return out;
    }
}
