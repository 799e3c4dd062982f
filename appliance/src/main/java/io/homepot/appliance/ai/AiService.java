package io.homepot.appliance.ai;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.JsonInput;
import io.homepot.appliance.api.Params;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.api.ErrorHandlers;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import jakarta.json.JsonObject;

/**
 * The {@code /api/ai/*} endpoints (mount at {@code /api/ai}); shapes in {@code docs/api-ai.md}.
 * Input errors are {@link ProblemException}s (problem+json via the foundation's error handlers); a full
 * LLM queue is answered here with {@code 503} problem+json and {@code Retry-After}.
 */
public final class AiService implements HttpService {
    /** Largest accepted request body. */
    public static final long MAX_BODY = 64 * 1024;
    /** Longest accepted question. */
    public static final int MAX_QUESTION = 2000;

    private final AiContext ctx;
    private final QueryAnswers query;
    private final DeviceAnswers device;
    private final SiteInsights insights;

    public AiService(AiContext ctx) {
        this.ctx = ctx;
        this.query = new QueryAnswers(ctx);
        this.device = new DeviceAnswers(ctx);
        this.insights = new SiteInsights(ctx);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/query", this::query)
                .post("/query/stream", this::stream)
                .get("/analyze/{device_id}", this::analyze)
                .get("/predict/{device_id}", this::predict)
                .get("/insights/{site_id}", this::insights)
                .post("/insights/{id}/actions", this::action)
                .get("/mode", this::getMode)
                .put("/mode", this::putMode);
    }

    private record Ask(String question, AnalysisMode mode, String model) {
    }

    private Ask ask(ServerRequest req) {
        JsonObject body = JsonInput.readObject(req, MAX_BODY);
        String q = JsonInput.text(body, "question", null, true, MAX_QUESTION);
        String m = JsonInput.string(body, "mode", null, false);
        String model = JsonInput.text(body, "model", null, false, 200);
        return new Ask(q.strip(), mode(req, m), model == null || model.isBlank() ? null : model.strip());
    }

    private void query(ServerRequest req, ServerResponse res) throws LlmBusyException {
        Ask a = ask(req);
        Json.send(res, query.answer(a.question(), a.mode(), a.model(), null));
    }

    /** SSE: {@code token} events ({"text"}), then one {@code done} event with the full response object. */
    private void stream(ServerRequest req, ServerResponse res) throws LlmBusyException {
        Ask a = ask(req);
        SseWriter w = new SseWriter(res);
        try {
            JsonObject done = query.answer(a.question(), a.mode(), a.model(),
                    t -> w.event("token", Json.obj().put("text", t).build().toString()));
            w.event("done", done.toString());
            w.close();
        } catch (LlmBusyException e) {
            if (w.started()) {
                w.event("error", ErrorHandlers.busyProblem(req, e).toString());
                w.close();
            } else {
                throw e; // nothing sent yet: ErrorHandlers answers 503 + Retry-After
            }
        }
    }

    private void analyze(ServerRequest req, ServerResponse res) throws LlmBusyException {
        long id = Params.pathId(req, "device_id");
        Json.send(res, device.analyze(id, Params.query(req, "period"), mode(req, Params.query(req, "mode")),
                Params.query(req, "model")));
    }

    private void predict(ServerRequest req, ServerResponse res) throws LlmBusyException {
        long id = Params.pathId(req, "device_id");
        Json.send(res, device.predict(id, mode(req, Params.query(req, "mode")), Params.query(req, "model")));
    }

    private void insights(ServerRequest req, ServerResponse res) throws LlmBusyException {
        long id = Params.pathId(req, "site_id");
        Json.send(res, insights.insights(id, mode(req, Params.query(req, "mode")), Params.query(req, "model")));
    }

    private void action(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        JsonObject body = JsonInput.readObject(req, MAX_BODY);
        Boolean taken = JsonInput.bool(body, "taken", null, true);
        Boolean effective = JsonInput.bool(body, "effective", null, false);
        String note = JsonInput.text(body, "note", null, false, 2000);
        Json.send(res, 201, insights.recordAction(id, taken, effective, note, user(req)));
    }

    private void getMode(ServerRequest req, ServerResponse res) {
        String user = user(req);
        Json.send(res, modeBody(user, ctx.modes().get(user)));
    }

    private void putMode(ServerRequest req, ServerResponse res) {
        String user = user(req);
        JsonObject body = JsonInput.readObject(req, MAX_BODY);
        String m = JsonInput.text(body, "mode", null, true, 50);
        AnalysisMode mode = parseMode(m);
        ctx.modes().set(user, mode);
        Json.send(res, modeBody(user, mode));
    }

    private static JsonObject modeBody(String user, AnalysisMode mode) {
        return Json.obj().put("user", user).put("mode", mode.id())
                .put("available_modes", java.util.Arrays.stream(AnalysisMode.values()).map(AnalysisMode::id).toList()).build();
    }

    /** The request's mode: explicit value, else the user's stored preference, else maintenance. */
    private AnalysisMode mode(ServerRequest req, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return parseMode(explicit);
        }
        return ctx.modes().get(user(req));
    }

    private static AnalysisMode parseMode(String m) {
        try {
            return AnalysisMode.parse(m);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("mode", e.getMessage());
        }
    }

    private static String user(ServerRequest req) {
        try {
            return ModePreferences.user(req.headers().first(HeaderNames.create(ModePreferences.HEADER)).orElse(null));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ModePreferences.HEADER, e.getMessage());
        }
    }

    /** Writes server-sent events; the response starts with the first event. */
    private static final class SseWriter {
        private final ServerResponse res;
        private OutputStream out;

        SseWriter(ServerResponse res) {
            this.res = res;
        }

        boolean started() {
            return out != null;
        }

        synchronized void event(String name, String data) {
            try {
                if (out == null) {
                    res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    res.header("X-Accel-Buffering", "no");
                    out = res.outputStream();
                }
                StringBuilder b = new StringBuilder("event: ").append(name).append('\n');
                for (String line : data.split("\n", -1)) {
                    b.append("data: ").append(line).append('\n');
                }
                out.write(b.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("client went away", e);
            }
        }

        synchronized void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                // client went away
            }
        }
    }

    /** For tests and reports: the parts. */
    public QueryAnswers queryAnswers() {
        return query;
    }

    public DeviceAnswers deviceAnswers() {
        return device;
    }

    public SiteInsights siteInsights() {
        return insights;
    }
}
