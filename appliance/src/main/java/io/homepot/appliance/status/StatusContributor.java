package io.homepot.appliance.status;

import java.util.Map;

import jakarta.json.JsonObject;

/**
 * Adds a section to {@code GET /api/ai/status}, e.g. {@code "ollama"} or {@code "index"}.
 * Register with {@code Appliance#addStatusContributor} before the server starts. Called on every status
 * request, so keep it cheap (cache expensive probes). Exceptions are caught and reported as
 * {@code {"status":"error","error":...}} for that section.
 */
public interface StatusContributor {
    /** Section name, a JSON member of the status object (must not clash with core sections). */
    String name();

    /** The section's current content. */
    JsonObject snapshot();

    /**
     * Optional top-level members, for the seed plan's flat fields such as {@code ollama_status},
     * {@code ollama_url}, {@code available_models}. Values are converted like {@code api.Json#value}.
     */
    default Map<String, Object> topLevel() {
        return Map.of();
    }
}
