package io.homepot.appliance.api;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.scoring.AnomalyNotice;
import io.homepot.appliance.scoring.ScoringQueries;
import io.homepot.appliance.store.AnomalyLog;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.Stores;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Anomalies ({@code docs/api-ai.md}): {@code GET /api/devices/{id}/anomalies?from=&to=&limit=} and
 * {@code GET /api/anomalies?site=&since=&limit=} (newest first).
 * Routes are relative: mount at {@code /api}.
 */
public final class AnomalyApi implements HttpService {
    private final Stores stores;
    private final ScoringQueries q;

    public AnomalyApi(Stores stores) {
        this.stores = stores;
        this.q = new ScoringQueries(stores.db());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/devices/{id}/anomalies", this::device).get("/anomalies", this::site);
    }

    private void device(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Device d = stores.devices().get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
        Instant to = Params.instant(req, "to");
        to = to == null ? Instant.now().plus(Duration.ofDays(1)) : to;
        Instant from = Params.instant(req, "from");
        from = from == null ? Instant.EPOCH : from;
        int limit = Params.intParam(req, "limit", 100, 1, 1000);
        List<Object> items = new ArrayList<>();
        for (AnomalyLog a : q.deviceAnomalies(d.id(), from, to, limit)) {
            items.add(item(a));
        }
        Json.send(res, Json.obj().put("device_id", d.id()).put("anomalies", items).build());
    }

    private void site(ServerRequest req, ServerResponse res) {
        Long site = Params.longParam(req, "site");
        if (site != null && stores.sites().get(site).isEmpty()) {
            throw ProblemException.notFound("Site", site);
        }
        Instant since = Params.instant(req, "since");
        since = since == null ? Instant.now().minus(Duration.ofDays(7)) : since;
        int limit = Params.intParam(req, "limit", 100, 1, 1000);
        List<Object> items = new ArrayList<>();
        for (ScoringQueries.SiteAnomaly a : q.anomalies(site, since, limit)) {
            items.add(item(a.log()).put("device_id", a.log().deviceId()).put("device_name", a.deviceName()));
        }
        Json.send(res, Json.obj().put("anomalies", items).build());
    }

    /** The contract's anomaly item from a stored row (value, expected, kind and incident id live in details). */
    public static Json.Obj item(AnomalyLog a) {
        JsonObject det = details(a.details());
        return Json.obj().put("id", a.id()).put("ts", a.createdAt()).put("metric", a.metric())
                .put("value", num(det, "value")).put("expected", num(det, "expected")).put("score", a.score())
                .put("severity", a.severity()).put("category", a.category())
                .put("kind", det.containsKey("kind") && !det.isNull("kind") ? det.getString("kind") : null)
                .put("health_score", a.healthScore()).put("status", a.status())
                .put("incident_id", det.containsKey("incident_id") && !det.isNull("incident_id")
                        ? det.getJsonNumber("incident_id").longValue() : null)
                .put("description", det.containsKey("description") && !det.isNull("description")
                        ? det.getString("description") : null);
    }

    /** The SSE form of a fresh alert: the anomaly item plus device id and name. */
    public static JsonObject item(AnomalyNotice n) {
        return Json.obj().put("id", n.anomalyId()).put("ts", n.ts()).put("metric", n.metric()).put("value", n.value())
                .put("expected", n.expected()).put("score", n.score()).put("severity", n.severity())
                .put("category", n.category()).put("kind", n.kind()).put("health_score", n.healthScore())
                .put("status", n.status()).put("incident_id", n.incidentId()).put("device_id", n.deviceId())
                .put("device_name", n.deviceName()).put("site_id", n.siteId()).build();
    }

    private static Double num(JsonObject o, String key) {
        return o.containsKey(key) && o.get(key).getValueType() == JsonValue.ValueType.NUMBER
                ? o.getJsonNumber(key).doubleValue() : null;
    }

    private static JsonObject details(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return io.homepot.appliance.scoring.HealthJson.JSON.createReader(new StringReader(json)).readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
