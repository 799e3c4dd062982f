package io.homepot.appliance.ai.report;

import java.time.Duration;
import java.time.Instant;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.ai.ModePreferences;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.JsonInput;
import io.homepot.appliance.api.Params;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import jakarta.json.JsonObject;

/**
 * The report endpoints (mount at {@code /api/ai}; shapes in {@code docs/api-ai.md}):
 * <ul>
 *   <li>{@code GET /report/{device_id}?period=&report_type=&mode=&from=&to=&model=}: the seed's endpoint, generates,
 *       stores and returns a device report;</li>
 *   <li>{@code POST /reports} body {@code {"site_id"|"device_id", "report_type", "period"|"from","to", "mode", "model",
 *       "deliver"}}: generates, stores and returns a report (201, {@code Location});</li>
 *   <li>{@code GET /reports?site=&device=&type=&mode=&scope=&limit=}: stored reports, newest first;</li>
 *   <li>{@code GET /reports/{id}}: one stored report.</li>
 * </ul>
 * Input errors are problem+json naming the field; a full LLM queue is {@code 503} with {@code Retry-After}.
 */
public final class ReportApi implements HttpService {
    /** Longest custom range. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);
    private static final long MAX_BODY = 16 * 1024;
    private final ReportService service;

    public ReportApi(ReportService service) {
        this.service = service;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/report/{device_id}", this::deviceReport)
                .get("/reports", this::list)
                .post("/reports", this::create)
                .get("/reports/{id}", this::one);
    }

    private void deviceReport(ServerRequest req, ServerResponse res) throws LlmBusyException {
        long id = Params.pathId(req, "device_id");
        ReportType type = type(Params.query(req, "report_type"), "report_type");
        if (service.context().stores().devices().get(id).isEmpty()) {
            throw new ProblemException(404, "Not Found", "Device " + id + " does not exist", "device_id");
        }
        TimeRange range = range(type, Params.query(req, "period"), Params.instant(req, "from"), Params.instant(req, "to"));
        AnalysisMode mode = mode(req, Params.query(req, "mode"));
        run(res, 200, new ReportRequest(null, id, type, range, mode, model(Params.query(req, "model")), ReportRequest.API,
                null, false));
    }

    private void create(ServerRequest req, ServerResponse res) throws LlmBusyException {
        JsonObject body = JsonInput.readObject(req, MAX_BODY);
        Long site = JsonInput.integer(body, "site_id", null, false);
        Long device = JsonInput.integer(body, "device_id", null, false);
        if (site == null && device == null) {
            throw ProblemException.badRequest("site_id", "Give either 'site_id' or 'device_id'");
        }
        if (site != null && device != null) {
            throw ProblemException.badRequest("device_id", "Give either 'site_id' or 'device_id', not both");
        }
        ReportType type = type(JsonInput.string(body, "report_type", null, false), "report_type");
        if (site != null && service.context().stores().sites().get(site).isEmpty()) {
            throw ProblemException.unprocessable("site_id", "Site " + site + " does not exist");
        }
        if (device != null && service.context().stores().devices().get(device).isEmpty()) {
            throw ProblemException.unprocessable("device_id", "Device " + device + " does not exist");
        }
        TimeRange range = range(type, JsonInput.string(body, "period", null, false), JsonInput.timestamp(body, "from", null, false),
                JsonInput.timestamp(body, "to", null, false));
        AnalysisMode mode = mode(req, JsonInput.string(body, "mode", null, false));
        String model = model(JsonInput.text(body, "model", null, false, 200));
        Boolean deliver = JsonInput.bool(body, "deliver", null, false);
        run(res, 201, new ReportRequest(site, device, type, range, mode, model, ReportRequest.API, null,
                Boolean.TRUE.equals(deliver)));
    }

    private void list(ServerRequest req, ServerResponse res) {
        String type = Params.query(req, "type");
        String mode = Params.query(req, "mode");
        String scope = Params.query(req, "scope");
        if (scope != null && !scope.equals("site") && !scope.equals("device")) {
            throw ProblemException.badRequest("scope", "Query parameter 'scope' must be 'site' or 'device', got '" + scope + "'");
        }
        var f = new ReportRepository.Filter(Params.longParam(req, "site"), Params.longParam(req, "device"),
                type == null ? null : type(type, "type").id(), mode == null ? null : parseMode(mode).id(), scope,
                Params.instant(req, "since"), Params.intParam(req, "limit", 50, 1, 500));
        var items = service.list(f);
        Json.send(res, Json.obj().put("reports", items).put("count", items.size()).build());
    }

    private void one(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Json.send(res, service.get(id).orElseThrow(() -> ProblemException.notFound("Report", id)));
    }

    private void run(ServerResponse res, int status, ReportRequest r) throws LlmBusyException {
        JsonObject out = service.generate(r);
        if (status == 201) {
            res.header(HeaderNames.LOCATION, "/api/ai/reports/" + out.getJsonNumber("report_id").longValue());
        }
        Json.send(res, status, out);
    }

    /**
     * The window of a report: {@code from}/{@code to} (custom range), else {@code period} ending now, else the
     * type's default (daily 24 h, weekly 7 d, incident 24 h; custom has none).
     */
    TimeRange range(ReportType type, String period, Instant from, Instant to) {
        Instant now = service.context().facts().now();
        if (from != null || to != null) {
            if (period != null && !period.isBlank()) {
                throw ProblemException.badRequest("period", "Give either 'period' or 'from'/'to', not both");
            }
            if (from == null) {
                throw ProblemException.badRequest("from", "'from' is required with 'to'");
            }
            Instant end = to == null ? now : to;
            if (!from.isBefore(end)) {
                throw ProblemException.badRequest("from", "'from' must be before 'to'");
            }
            if (Duration.between(from, end).compareTo(MAX_RANGE) > 0) {
                throw ProblemException.badRequest("from", "A report covers at most " + MAX_RANGE.toDays() + " days");
            }
            if (end.isAfter(now.plus(Duration.ofDays(1)))) {
                throw ProblemException.badRequest("to", "'to' must not be in the future");
            }
            return new TimeRange(from, end, "custom");
        }
        if (period != null && !period.isBlank()) {
            try {
                return TimeRange.parsePeriod(period, now);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("period", e.getMessage());
            }
        }
        if (type.window() == null) {
            throw ProblemException.badRequest("period", "A custom report needs 'period' or 'from' and 'to'");
        }
        return TimeRange.last(type.window(), now, type == ReportType.WEEKLY ? "7d" : "24h");
    }

    private static ReportType type(String v, String field) {
        try {
            return ReportType.parse(v);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage().replace("report_type", field));
        }
    }

    private AnalysisMode mode(ServerRequest req, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return parseMode(explicit);
        }
        String user;
        try {
            user = ModePreferences.user(req.headers().first(HeaderNames.create(ModePreferences.HEADER)).orElse(null));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ModePreferences.HEADER, e.getMessage());
        }
        return service.context().modes().get(user);
    }

    private static AnalysisMode parseMode(String m) {
        try {
            return AnalysisMode.parse(m);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("mode", e.getMessage());
        }
    }

    private static String model(String m) {
        return m == null || m.isBlank() ? null : m.strip();
    }
}
