package io.homepot.appliance.testing.ollama;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /api/chat} and {@code POST /api/generate} of the {@link OllamaDouble}. */
final class GenerationEndpoint {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+$");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final OllamaDouble d;

    GenerationEndpoint(OllamaDouble d) {
        this.d = d;
    }

    void handle(HttpExchange ex, RecordedRequest rec, boolean chat) throws IOException {
        long start = System.nanoTime();
        JsonObject req = rec.json();
        if (req == null) {
            OllamaDouble.sendJson(ex, 400, error("invalid request: body is not a JSON object"));
            return;
        }
        boolean stream = !req.containsKey("stream") || req.get("stream") == JsonValue.TRUE;
        String model = req.getString("model", "");
        if (!d.installed(model)) {
            OllamaDouble.sendJson(ex, 404, error("model '" + model + "' not found"));
            return;
        }
        java.util.concurrent.locks.ReentrantLock lock = d.serializePerModel
                ? d.modelLocks.computeIfAbsent(d.spec(model).name(), m -> new java.util.concurrent.locks.ReentrantLock(true))
                : null;
        if (lock != null) {
            lock.lock();
        }
        try {
            if (d.pause(d.latency.apply(rec))) {
                respond(ex, rec, req, chat, stream, model, start);
            }
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private void respond(HttpExchange ex, RecordedRequest rec, JsonObject req, boolean chat, boolean stream,
                         String model, long start) throws IOException {
        OllamaFault fault = d.nextFault();
        if (fault != null && failWith(ex, fault, model, chat, stream)) {
            return;
        }
        if (!chat && rec.userText().isEmpty()) {
            loadOrUnload(ex, req, model, start);
            return;
        }
        String text = d.reply.apply(rec);
        if (req.containsKey("format") && req.get("format") != JsonValue.NULL) {
            text = asJson(text);
        }
        // ~4 characters per token; like Ollama, input beyond num_ctx (default 4096) is silently truncated
        int numCtx = req.getJsonObject("options") != null && req.getJsonObject("options").containsKey("num_ctx")
                ? req.getJsonObject("options").getInt("num_ctx") : 4096;
        int promptTokens = Math.min(numCtx, (rec.systemText().length() + rec.userText().length() + 3) / 4);
        List<String> tokens = tokens(text);
        markLoaded(model, req);
        if (!stream) {
            JsonObjectBuilder last = chunk(model, chat, text, true);
            timings(last, start, promptTokens, tokens.size(), chat);
            OllamaDouble.sendJson(ex, 200, last.build());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream os = ex.getResponseBody()) {
            for (String t : tokens) {
                line(os, chunk(model, chat, t, false).build());
                if (!d.pause(d.tokenDelay)) {
                    return;
                }
            }
            JsonObjectBuilder last = chunk(model, chat, "", true);
            timings(last, start, promptTokens, tokens.size(), chat);
            line(os, last.build());
        }
    }

    /** Applies a fault; returns true when the response is complete. */
    private boolean failWith(HttpExchange ex, OllamaFault fault, String model, boolean chat, boolean stream)
            throws IOException {
        switch (fault) {
            case HTTP_500 -> OllamaDouble.sendJson(ex, 500,
                    error("llama runner process has terminated: exit status 2"));
            case HTTP_503 -> OllamaDouble.sendJson(ex, 503,
                    error("server busy, please try again.  maximum pending requests exceeded"));
            case MALFORMED_JSON -> {
                String cut = chunk(model, chat, "Hello", false).build().toString();
                OllamaDouble.send(ex, 200, stream ? "application/x-ndjson" : "application/json; charset=utf-8",
                        cut.substring(0, cut.length() - 12) + "\n");
            }
            case TRUNCATED_STREAM -> {
                ex.getResponseHeaders().set("Content-Type", stream ? "application/x-ndjson" : "application/json");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream os = ex.getResponseBody()) {
                    if (stream) {
                        line(os, chunk(model, chat, "The", false).build());
                        line(os, chunk(model, chat, " device", false).build());
                    } else {
                        String full = chunk(model, chat, "The device", true).build().toString();
                        os.write(full.substring(0, full.length() / 2).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            case ERROR_MID_STREAM -> {
                if (!stream) {
                    OllamaDouble.sendJson(ex, 500, error("an error was encountered while running the model"));
                    return true;
                }
                ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream os = ex.getResponseBody()) {
                    line(os, chunk(model, chat, "The", false).build());
                    line(os, chunk(model, chat, " device", false).build());
                    line(os, error("an error was encountered while running the model: unexpected EOF"));
                }
            }
            case HANG -> d.pause(d.hangFor);
            case STALL_MID_STREAM -> {
                ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                ex.sendResponseHeaders(200, 0);
                OutputStream os = ex.getResponseBody();
                line(os, chunk(model, chat, "The", false).build());
                d.pause(d.hangFor);
                os.close();
            }
            case CLOSE_CONNECTION -> ex.close();
        }
        return true;
    }

    private void loadOrUnload(HttpExchange ex, JsonObject req, String model, long start) throws IOException {
        boolean unload = isZeroKeepAlive(req);
        if (unload) {
            d.loaded.remove(model);
        } else {
            markLoaded(model, req);
        }
        JsonObjectBuilder b = chunk(model, false, "", true).add("done_reason", unload ? "unload" : "load");
        OllamaDouble.sendJson(ex, 200, b.build());
    }

    private void markLoaded(String model, JsonObject req) {
        if (isZeroKeepAlive(req)) {
            d.loaded.remove(model);
            return;
        }
        d.loaded.put(d.spec(model).name(), Instant.now().plus(keepAlive(req)));
    }

    private static boolean isZeroKeepAlive(JsonObject req) {
        JsonValue v = req.get("keep_alive");
        return v != null && (v.toString().equals("0") || v.toString().equals("\"0\"") || v.toString().equals("\"0s\""));
    }

    /** Parses keep_alive (number of seconds or Go duration; negative = forever); default 5 minutes. */
    static Duration keepAlive(JsonObject req) {
        JsonValue v = req.get("keep_alive");
        if (v == null || v == JsonValue.NULL) {
            return Duration.ofMinutes(5);
        }
        String s = v.getValueType() == JsonValue.ValueType.STRING ? req.getString("keep_alive") : v.toString();
        if (s.startsWith("-")) {
            return Duration.ofDays(3650);
        }
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
        }
        Duration total = Duration.ZERO;
        Matcher m = GO_DURATION.matcher(s);
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            long ms = switch (m.group(2)) {
                case "ms" -> (long) n;
                case "s" -> (long) (n * 1000);
                case "m" -> (long) (n * 60_000);
                default -> (long) (n * 3_600_000);
            };
            total = total.plusMillis(ms);
        }
        return total.isZero() ? Duration.ofMinutes(5) : total;
    }

    private static JsonObjectBuilder chunk(String model, boolean chat, String content, boolean done) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("model", model).add("created_at", Instant.now().toString());
        if (chat) {
            b.add("message", Json.createObjectBuilder().add("role", "assistant").add("content", content));
        } else {
            b.add("response", content);
        }
        return b.add("done", done);
    }

    private static void timings(JsonObjectBuilder b, long start, int promptTokens, int evalTokens, boolean chat) {
        long total = Math.max(1, System.nanoTime() - start);
        b.add("done_reason", "stop");
        if (!chat) {
            b.add("context", Json.createArrayBuilder().add(128006).add(9125).add(128007));
        }
        b.add("total_duration", total).add("load_duration", total / 10).add("prompt_eval_count", promptTokens)
                .add("prompt_eval_duration", total / 5).add("eval_count", evalTokens)
                .add("eval_duration", total - total / 10 - total / 5);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        if (out.isEmpty()) {
            out.add(text);
        }
        return out;
    }

    /** Returns {@code text} if it is a JSON value, else wraps it as {@code {"answer": text}}. */
    private static String asJson(String text) {
        try (var r = Json.createReader(new java.io.StringReader(text))) {
            r.readValue();
            return text;
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("answer", text).build().toString();
        }
    }

    private static JsonObject error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    private static void line(OutputStream os, JsonObject o) throws IOException {
        os.write((o.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
