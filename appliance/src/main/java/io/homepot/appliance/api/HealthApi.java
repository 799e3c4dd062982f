package io.homepot.appliance.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.scoring.DeviceHealth;
import io.homepot.appliance.scoring.HealthJson;
import io.homepot.appliance.scoring.ScoringEngine;
import io.homepot.appliance.scoring.ScoringQueries;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Stores;

/**
 * Device and site health ({@code docs/api-ai.md}): {@code GET /api/devices/{id}/health},
 * {@code GET /api/devices/{id}/health/history?from=&to=}, {@code GET /api/sites/{id}/health}.
 * Routes are relative: mount at {@code /api}.
 */
public final class HealthApi implements HttpService {
    private final Stores stores;
    private final ScoringEngine engine;
    private final ScoringQueries q;

    public HealthApi(Stores stores, ScoringEngine engine) {
        this.stores = stores;
        this.engine = engine;
        this.q = new ScoringQueries(stores.db());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/devices/{id}/health", this::device)
                .get("/devices/{id}/health/history", this::history)
                .get("/sites/{id}/health", this::site);
    }

    private Device device(ServerRequest req) {
        long id = Params.pathId(req, "id");
        return stores.devices().get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
    }

    private void device(ServerRequest req, ServerResponse res) {
        Device d = device(req);
        Json.Obj o = Json.obj().put("device_id", d.id()).put("device_name", d.name());
        DeviceHealth h = engine.health(d.id()).orElse(null);
        if (h != null) {
            o.put("health_score", h.score()).put("status", h.status()).put("computed_at", h.computedAt())
                    .put("factors", HealthJson.factorsArray(h.factors()));
        } else {
            ScoringQueries.HealthPoint p = q.latestHistory(d.id());
            o.put("health_score", p != null ? Double.valueOf(p.healthScore()) : d.healthScore())
                    .put("status", p != null ? p.status() : d.status())
                    .put("computed_at", p != null ? p.ts() : null)
                    .put("factors", HealthJson.factorsArray(p != null ? HealthJson.parse(p.factors()) : List.of()));
        }
        List<Object> learning = new ArrayList<>();
        for (ScoringEngine.Learning l : engine.learning(d.id())) {
            learning.add(Json.obj().put("metric", l.metric())
                    .put("learned_hours", Math.round(l.learned().toMinutes() / 6.0) / 10.0)
                    .put("remaining_hours", Math.ceil(l.remaining().toMinutes() / 6.0) / 10.0)); // never "0 h left"
        }
        o.put("learning", learning);
        Json.send(res, o.build());
    }

    private void history(ServerRequest req, ServerResponse res) {
        Device d = device(req);
        Instant to = Params.instant(req, "to");
        to = to == null ? Instant.now() : to;
        Instant from = Params.instant(req, "from");
        from = from == null ? to.minus(Duration.ofDays(7)) : from;
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("from", "'from' must not be after 'to'");
        }
        int limit = Params.intParam(req, "limit", 5000, 1, 50_000);
        List<Object> points = new ArrayList<>();
        for (ScoringQueries.HealthPoint p : q.history(d.id(), from, to, limit)) {
            points.add(Json.obj().put("ts", p.ts()).put("health_score", p.healthScore()).put("status", p.status()));
        }
        Json.send(res, Json.obj().put("device_id", d.id()).put("points", points).build());
    }

    private void site(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Site site = stores.sites().get(id).orElseThrow(() -> ProblemException.notFound("Site", id));
        int healthy = 0;
        int warning = 0;
        int critical = 0;
        double sum = 0;
        int scored = 0;
        Map<String, int[]> byType = new LinkedHashMap<>();
        List<ScoringQueries.DeviceHealthRow> rows = q.siteDevices(id);
        for (ScoringQueries.DeviceHealthRow r : rows) {
            int[] t = byType.computeIfAbsent(r.typeCode(), k -> new int[3]);
            String status = engine.health(r.id()).map(DeviceHealth::status).orElse(r.status());
            Double score = engine.health(r.id()).map(DeviceHealth::score).orElse(r.healthScore());
            switch (status == null ? "unknown" : status) {
                case "healthy" -> { healthy++; t[0]++; }
                case "warning" -> { warning++; t[1]++; }
                case "critical" -> { critical++; t[2]++; }
                default -> { }
            }
            if (score != null) {
                sum += score;
                scored++;
            }
        }
        List<Object> types = new ArrayList<>();
        byType.forEach((type, t) -> types.add(Json.obj().put("type", type).put("healthy", t[0]).put("warning", t[1])
                .put("critical", t[2])));
        Json.send(res, Json.obj().put("site_id", site.id()).put("site_name", site.name())
                .put("health_score", scored == 0 ? null : Math.round(sum / scored * 1000) / 1000.0)
                .put("total_devices", rows.size()).put("devices_healthy", healthy).put("devices_warning", warning)
                .put("devices_critical", critical).put("by_type", types).build());
    }
}
