package io.homepot.appliance.api;

import java.util.logging.Level;
import java.util.logging.Logger;

import java.sql.SQLException;

import io.helidon.http.HttpException;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.store.StoreException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

/**
 * The one place that maps exceptions to RFC 7807 {@code application/problem+json} responses.
 * {@link ProblemException} keeps its status; Helidon's {@link HttpException} keeps its status (below 400, e.g. a 304
 * for an unchanged static file, it is sent without a body); anything else is logged and answered with a generic 500
 * problem (never a stack trace).
 */
public final class ErrorHandlers {
    private static final Logger LOG = Logger.getLogger(ErrorHandlers.class.getName());

    private ErrorHandlers() {
    }

    /** Registers the handlers on {@code routing}. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, ErrorHandlers::problem)
                .error(HttpException.class, ErrorHandlers::http)
                .error(StoreException.class, ErrorHandlers::store)
                .error(LlmBusyException.class, ErrorHandlers::busy)
                .error(Exception.class, ErrorHandlers::unexpected);
    }

    static void problem(ServerRequest req, ServerResponse res, ProblemException e) {
        Json.Obj body = base(e.status(), e.title(), e.detail(), req).putIfPresent("field", e.field());
        if (!e.errors().isEmpty()) {
            body.put("errors", e.errors().stream()
                    .map(f -> Json.obj().put("field", f.field()).put("detail", f.detail()).build()).toList());
        }
        send(res, e.status(), body.build());
    }

    static void http(ServerRequest req, ServerResponse res, HttpException e) {
        int code = e.status().code();
        if (!res.isSent()) {
            e.headers().forEach(res::header);   // Helidon clears the response headers before the error handler (ETag)
        }
        if (code < 400) {
            // not an error: the static content handler answers a revalidated, unchanged file with a 304 exception. A 304
            // must not carry a body (Helidon rejects one with a SEVERE log)
            if (!res.isSent()) {
                res.status(e.status());
                res.send();
            }
            return;
        }
        if (code >= 500) {
            unexpected(req, res, e);
            return;
        }
        send(res, code, base(code, e.status().reasonPhrase(), e.getMessage(), req).build());
    }

    /** Constraint violations are the client's fault (duplicate name, dangling reference); the rest are 500s. */
    static void store(ServerRequest req, ServerResponse res, StoreException e) {
        Throwable c = e.getCause();
        String state = c instanceof SQLException sql ? sql.getSQLState() : null;
        if ("23505".equals(state)) {
            send(res, 409, base(409, "Conflict", "A resource with the same unique key (e.g. name) already exists", req)
                    .build());
        } else if ("23503".equals(state)) {
            send(res, 409, base(409, "Conflict", "The operation conflicts with a reference to or from another resource",
                    req).build());
        } else {
            unexpected(req, res, e);
        }
    }

    /** The model's queue is full: 503 with {@code Retry-After} (the client should try again, nothing failed). */
    static void busy(ServerRequest req, ServerResponse res, LlmBusyException e) {
        res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfterSeconds())));
        send(res, 503, busyProblem(req, e));
    }

    /** The problem body of {@link #busy}; also sent as an event when a stream has already started. */
    public static JsonObject busyProblem(ServerRequest req, LlmBusyException e) {
        return base(503, "Service Unavailable", "The local language model is busy: " + e.getMessage(), req)
                .put("retry_after_seconds", e.retryAfterSeconds()).build();
    }

    static void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.log(Level.SEVERE, "Unexpected error on " + req.prologue().method().text() + " " + req.path().absolute().path(), e);
        send(res, 500, base(500, "Internal Server Error",
                "The appliance could not process the request; see the server log.", req).build());
    }

    private static Json.Obj base(int status, String title, String detail, ServerRequest req) {
        return Json.obj().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail == null ? title : detail).put("instance", req.path().absolute().path());
    }

    private static void send(ServerResponse res, int status, JsonObject body) {
        if (res.isSent()) {
            return;
        }
        Json.send(res, status, Json.PROBLEM_JSON, body);
    }
}
