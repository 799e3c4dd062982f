package io.homepot.appliance.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.ai.facts.SimilarIncident;
import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.appliance.incidents.IncidentMemory;
import io.homepot.appliance.incidents.IncidentRow;
import io.homepot.appliance.store.IncidentStore;
import io.homepot.vectorindex.index.CategoryClassifier;
import io.homepot.vectorindex.index.SearchFilter;
import jakarta.json.JsonObject;

/**
 * Incidents and similar-incident search (docs/api-ai.md, "Incidents"). Mount it at {@code /api}.
 *
 * <ul>
 *   <li>{@code GET /api/incidents?site=&device=&category=&limit=} newest first, from the database;</li>
 *   <li>{@code GET /api/incidents/{id}};</li>
 *   <li>{@code GET /api/incidents/{id}/similar?k=&site=&category=&scope=} incidents like this one; by default only
 *       earlier ones ({@code scope=past}), {@code scope=all} includes later ones;</li>
 *   <li>{@code GET /api/ai/incidents/similar?q=&k=&site=&category=} incidents like a free text, with the text's
 *       most likely category ({@code category_guess}, from the index's category prototypes);</li>
 *   <li>{@code PUT /api/incidents/{id}/resolution} body {@code {"resolution": "..."}}: updates the database, then
 *       the index, and returns the incident.</li>
 * </ul>
 * Similar results come from the vector index ({@code "source": "index"}, similarity in [0, 1]); while the index
 * is opening or rebuilding they come from the database fallback ({@code "source": "database"}).
 */
public final class IncidentApi implements HttpService {
    /** Most results a similar-incident query returns. */
    public static final int MAX_K = 50;
    /** Longest accepted query text and resolution. */
    public static final int MAX_TEXT = 2000;
    private static final long MAX_BODY = 64 * 1024;
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final IncidentMemory memory;
    private final IncidentStore store;
    private final SimilarIncidents fallback;

    public IncidentApi(IncidentMemory memory, IncidentStore store, SimilarIncidents fallback) {
        this.memory = memory;
        this.store = store;
        this.fallback = fallback;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/incidents", this::list)
                .get("/incidents/{id}", this::one)
                .get("/incidents/{id}/similar", this::similarToIncident)
                .put("/incidents/{id}/resolution", this::resolve)
                .get("/ai/incidents/similar", this::similarToText);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Long site = Params.longParam(req, "site");
        Long device = Params.longParam(req, "device");
        String category = category(req);
        int limit = Params.intParam(req, "limit", 50, 1, 1000);
        List<JsonObject> items = memory.rows().list(site, device, category, limit).stream().map(IncidentApi::incident)
                .toList();
        Json.send(res, Json.obj().put("incidents", items).build());
    }

    private void one(ServerRequest req, ServerResponse res) {
        Json.send(res, incident(find(req)));
    }

    private void similarToIncident(ServerRequest req, ServerResponse res) {
        IncidentRow inc = find(req);
        int k = Params.intParam(req, "k", 5, 1, MAX_K);
        Long site = Params.longParam(req, "site");
        String category = category(req);
        String scope = Params.query(req, "scope");
        if (scope != null && !scope.equals("past") && !scope.equals("all")) {
            throw ProblemException.badRequest("scope", "Query parameter 'scope' must be 'past' or 'all', got '" + scope + "'");
        }
        SearchFilter filter = filter(site, category);
        if (!"all".equals(scope) && inc.createdAt() != null) {
            filter = filter.between(null, inc.createdAt().toEpochMilli());
        }
        var hits = memory.similarToIncident(inc, k, filter);
        Json.Obj body = Json.obj().put("incident_id", inc.id());
        if (hits.isPresent()) {
            send(res, body, hits.get().stream().map(IncidentApi::hit).toList(), "index");
        } else {
            Instant before = "all".equals(scope) ? null : inc.createdAt();
            List<JsonObject> items = fallback.find(new SimilarIncidents.Query(inc.description(), inc.deviceId(), null,
                            category != null ? category : inc.category(), site, k + 1)).stream()
                    .filter(s -> s.incidentId() == null || s.incidentId() != inc.id())
                    .filter(s -> before == null || s.date() == null
                            || s.date().compareTo(before.atOffset(ZoneOffset.UTC).toLocalDate().toString()) <= 0)
                    .limit(k).map(IncidentApi::fallbackHit).toList();
            send(res, body, items, "database");
        }
    }

    private void similarToText(ServerRequest req, ServerResponse res) {
        String q = Params.query(req, "q");
        if (q == null) {
            throw ProblemException.badRequest("q", "Query parameter 'q' (the text to compare with) is required");
        }
        if (q.length() > MAX_TEXT) {
            throw ProblemException.badRequest("q", "Query parameter 'q' is longer than " + MAX_TEXT + " characters");
        }
        int k = Params.intParam(req, "k", 5, 1, MAX_K);
        Long site = Params.longParam(req, "site");
        String category = category(req);
        var match = memory.matchText(q, k, filter(site, category));
        if (match.isPresent()) {
            Json.Obj body = Json.obj();
            CategoryClassifier.Guess g = match.get().category();
            if (g != null) {
                body.put("category_guess", Json.obj().put("category", g.category())
                        .put("similarity", Math.round(g.cosine() * 1000) / 1000.0)
                        .put("margin", Math.round(g.margin() * 1000) / 1000.0).build());
            }
            send(res, body, match.get().hits().stream().map(IncidentApi::hit).toList(), "index");
        } else {
            List<JsonObject> items = fallback.find(new SimilarIncidents.Query(q, null, null, category, site, k)).stream()
                    .filter(s -> category == null || category.equals(s.category()))
                    .map(IncidentApi::fallbackHit).toList();
            send(res, Json.obj(), items, "database");
        }
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        JsonObject body = JsonInput.readObject(req, MAX_BODY);
        String resolution = JsonInput.text(body, "resolution", "", true, MAX_TEXT).strip();
        if (memory.rows().get(id).isEmpty()) {
            throw ProblemException.notFound("Incident", id);
        }
        if (!store.resolve(id, resolution, Instant.now())) {
            throw ProblemException.notFound("Incident", id);
        }
        memory.syncNow(id);
        Json.send(res, incident(memory.rows().get(id).orElseThrow(() -> ProblemException.notFound("Incident", id))));
    }

    private IncidentRow find(ServerRequest req) {
        long id = Params.pathId(req, "id");
        return memory.rows().get(id).orElseThrow(() -> ProblemException.notFound("Incident", id));
    }

    private static String category(ServerRequest req) {
        String c = Params.query(req, "category");
        if (c != null && !CATEGORY.matcher(c).matches()) {
            throw ProblemException.badRequest("category", "Query parameter 'category' must be a category name such as "
                    + "'temperature' or 'power', got '" + c + "'");
        }
        return c;
    }

    private static SearchFilter filter(Long site, String category) {
        return SearchFilter.NONE.site(site == null ? null : site.toString()).category(category);
    }

    private void send(ServerResponse res, Json.Obj body, List<JsonObject> results, String source) {
        Json.send(res, body.put("results", results).put("source", source).put("index_state", memory.state().label())
                .build());
    }

    /** An incident as {@code GET /api/incidents} returns it. */
    static JsonObject incident(IncidentRow r) {
        return Json.obj().put("id", r.id()).put("device_id", r.deviceId()).put("device_name", r.deviceName())
                .put("site_id", r.siteId()).put("created_at", r.createdAt()).put("description", r.description())
                .put("category", r.category()).put("severity", r.severity()).put("resolution", r.resolution())
                .put("resolved_at", r.resolvedAt()).build();
    }

    private static JsonObject hit(IncidentMemory.Hit h) {
        IncidentRow r = h.incident();
        return Json.obj().put("incident_id", r.id()).put("device_id", r.deviceId()).put("device_name", r.deviceName())
                .put("date", r.createdAt() == null ? null : r.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString())
                .put("created_at", r.createdAt()).put("description", r.description()).put("category", r.category())
                .put("severity", r.severity()).put("resolution", r.resolution()).put("similarity_score", h.similarity())
                .build();
    }

    private static JsonObject fallbackHit(SimilarIncident s) {
        return Json.obj().put("incident_id", s.incidentId()).put("device_id", s.deviceId())
                .put("device_name", s.deviceName()).put("date", s.date()).put("description", s.description())
                .put("category", s.category()).put("severity", s.severity()).put("resolution", s.resolution())
                .put("similarity_score", Math.max(0.0, Math.min(1.0, s.similarityScore()))).build();
    }
}
