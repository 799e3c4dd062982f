package io.homepot.appliance.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.store.DemoIncidentStore;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.SiteStore;
import jakarta.json.JsonObject;

/** {@code /api/sites}: CRUD; {@code DELETE} cascades to devices and their data; demo incident schedule. */
public final class SiteService implements HttpService {
    private final SiteStore sites;
    private final DemoIncidentStore demoIncidents;
    private final LimitsConfig limits;

    public SiteService(SiteStore sites, DemoIncidentStore demoIncidents, LimitsConfig limits) {
        this.sites = sites;
        this.demoIncidents = demoIncidents;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete)
                .get("/{id}/demo-incidents", this::demoIncidents);
    }

    private void list(ServerRequest req, ServerResponse res) {
        var items = sites.list().stream().map(JsonViews::site).toList();
        Json.send(res, Json.obj().put("items", items).put("total", items.size()).build());
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonInput.readObject(req, limits.maxBodyBytes());
        Site s = sites.create(JsonInput.text(body, "name", null, true, 200), JsonInput.text(body, "address", null, false, 500),
                timezone(body), false);
        res.header("Location", "/api/sites/" + s.id());
        Json.send(res, 201, JsonViews.site(s));
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Json.send(res, JsonViews.site(sites.get(id).orElseThrow(() -> ProblemException.notFound("Site", id))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Site old = sites.get(id).orElseThrow(() -> ProblemException.notFound("Site", id));
        JsonObject body = JsonInput.readObject(req, limits.maxBodyBytes());
        String name = JsonInput.text(body, "name", null, false, 200);
        String address = body.containsKey("address") ? JsonInput.text(body, "address", null, false, 500) : old.address();
        String tz = body.containsKey("timezone") ? timezone(body) : old.timezone();
        Site s = sites.update(id, name == null ? old.name() : name, address, tz)
                .orElseThrow(() -> ProblemException.notFound("Site", id));
        Json.send(res, JsonViews.site(s));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        if (!sites.delete(id)) {
            throw ProblemException.notFound("Site", id);
        }
        res.status(204).send();
    }

    private void demoIncidents(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        sites.get(id).orElseThrow(() -> ProblemException.notFound("Site", id));
        var items = demoIncidents.list(id).stream().map(i -> Json.obj().put("id", i.id()).put("device_id", i.deviceId())
                .put("kind", i.kind()).put("metric", i.metric()).put("start", i.startsAt()).put("end", i.endsAt())
                .put("description", i.description()).build()).toList();
        Json.send(res, Json.obj().put("site_id", id).put("items", items).build());
    }

    private static String timezone(JsonObject body) {
        String tz = JsonInput.text(body, "timezone", null, false, 64);
        if (tz == null) {
            return "UTC";
        }
        try {
            java.time.ZoneId.of(tz);
            return tz;
        } catch (java.time.DateTimeException e) {
            throw ProblemException.unprocessable("timezone", "Unknown time zone '" + tz + "'");
        }
    }
}
