package io.homepot.appliance.testing.ollama;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;

/**
 * A request the {@link OllamaDouble} received, body verbatim.
 *
 * @param method     HTTP method
 * @param path       request path
 * @param body       raw body (UTF-8), empty for GET
 * @param receivedAt arrival time
 */
public record RecordedRequest(String method, String path, String body, Instant receivedAt) {

    /** The body as a JSON object, or {@code null} when it is not one. */
    public JsonObject json() {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            JsonValue v = r.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code model} field, or {@code null}. */
    public String model() {
        JsonObject o = json();
        return o == null ? null : o.getString("model", null);
    }

    /** Content of the last {@code user} message ({@code /api/chat}) or the {@code prompt} ({@code /api/generate}). */
    public String userText() {
        JsonObject o = json();
        if (o == null) {
            return "";
        }
        if (o.containsKey("prompt")) {
            return o.getString("prompt", "");
        }
        String last = "";
        if (o.get("messages") instanceof jakarta.json.JsonArray arr) {
            for (JsonValue v : arr) {
                JsonObject m = v.asJsonObject();
                if ("user".equals(m.getString("role", "")) && m.get("content") instanceof JsonString s) {
                    last = s.getString();
                }
            }
        }
        return last;
    }

    /** Content of the {@code system} message or field, or {@code ""}. */
    public String systemText() {
        JsonObject o = json();
        if (o == null) {
            return "";
        }
        if (o.containsKey("system")) {
            return o.getString("system", "");
        }
        if (o.get("messages") instanceof jakarta.json.JsonArray arr) {
            for (JsonValue v : arr) {
                JsonObject m = v.asJsonObject();
                if ("system".equals(m.getString("role", ""))) {
                    return m.getString("content", "");
                }
            }
        }
        return "";
    }
}
