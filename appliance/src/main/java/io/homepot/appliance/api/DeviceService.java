package io.homepot.appliance.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.DeviceStore;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.DeviceTypeStore;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.SiteStore;
import io.homepot.appliance.store.Thresholds;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * {@code /api/devices}: CRUD and listing with filters {@code site}, {@code type} (code), {@code status},
 * {@code q} (name substring) and paging {@code limit}/{@code offset}.
 */
public final class DeviceService implements HttpService {
    /** Accepted device statuses. */
    public static final Set<String> STATUSES = Set.of("unknown", "healthy", "warning", "critical", "offline", "maintenance");
    private final DeviceStore devices;
    private final DeviceTypeStore types;
    private final SiteStore sites;
    private final LimitsConfig limits;

    public DeviceService(DeviceStore devices, DeviceTypeStore types, SiteStore sites, LimitsConfig limits) {
        this.devices = devices;
        this.types = types;
        this.sites = sites;
        this.limits = limits;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String status = Params.query(req, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status", "Unknown status '" + status + "'; allowed: " + sorted(STATUSES));
        }
        DeviceQuery q = new DeviceQuery(Params.longParam(req, "site"), Params.query(req, "type"), status,
                Params.query(req, "q"), Params.intParam(req, "limit", 100, 1, 1000),
                Params.intParam(req, "offset", 0, 0, Integer.MAX_VALUE));
        Json.send(res, JsonViews.page(devices.list(q), JsonViews::device));
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Json.send(res, JsonViews.device(devices.get(id).orElseThrow(() -> ProblemException.notFound("Device", id))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonObject body = JsonInput.readObject(req, limits.maxBodyBytes());
        Device d = devices.create(parse(body, null));
        res.header("Location", "/api/devices/" + d.id());
        Json.send(res, 201, JsonViews.device(d));
    }

    private void update(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Device old = devices.get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
        JsonObject body = JsonInput.readObject(req, limits.maxBodyBytes());
        Device d = devices.update(id, parse(body, old)).orElseThrow(() -> ProblemException.notFound("Device", id));
        Json.send(res, JsonViews.device(d));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        if (!devices.delete(id)) {
            throw ProblemException.notFound("Device", id);
        }
        res.status(204).send();
    }

    /** Parses a create body ({@code old == null}) or a partial update merged over {@code old}. */
    private NewDevice parse(JsonObject body, Device old) {
        boolean create = old == null;
        Long siteId = JsonInput.integer(body, "site_id", null, create);
        siteId = siteId == null ? old.siteId() : siteId;
        final long sid = siteId;
        if (sites.get(sid).isEmpty()) {
            throw ProblemException.unprocessable("site_id", "Unknown site " + sid);
        }
        String typeCode = JsonInput.text(body, "type", null, create, 64);
        DeviceType type;
        if (typeCode == null) {
            type = types.get(old.deviceTypeId()).orElseThrow();
        } else {
            type = types.findByCode(typeCode).orElseThrow(() -> ProblemException.unprocessable("type",
                    "Unknown device type '" + typeCode + "'; allowed: "
                            + sorted(types.list().stream().map(DeviceType::code).toList())));
        }
        String name = JsonInput.text(body, "name", null, create, 200);
        String location = body.containsKey("location") ? JsonInput.text(body, "location", null, false, 200)
                : create ? null : old.location();
        List<String> tags = body.containsKey("tags") ? JsonInput.strings(body, "tags", null) : create ? List.of() : old.tags();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).contains(",") || tags.get(i).isBlank() || tags.get(i).length() > 64) {
                throw ProblemException.unprocessable("tags[" + i + "]", "Tags must be 1..64 characters without commas");
            }
        }
        String status = JsonInput.text(body, "status", null, false, 20);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.unprocessable("status", "Unknown status '" + status + "'; allowed: " + sorted(STATUSES));
        }
        Map<String, Thresholds> th = body.containsKey("thresholds") ? thresholds(body, type)
                : create ? Map.of() : old.thresholds();
        return new NewDevice(sid, type.id(), name == null ? old.name() : name, location, tags, th,
                status == null ? (create ? "unknown" : old.status()) : status, !create && old.demo());
    }

    private static Map<String, Thresholds> thresholds(JsonObject body, DeviceType type) {
        JsonValue v = body.get("thresholds");
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("thresholds", "Field 'thresholds' must be an object keyed by metric name");
        }
        Map<String, Thresholds> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : v.asJsonObject().entrySet()) {
            String p = "thresholds." + e.getKey();
            if (type.metric(e.getKey()).isEmpty()) {
                throw ProblemException.unprocessable(p, "Unknown metric '" + e.getKey() + "' for type " + type.code()
                        + "; allowed metrics: " + sorted(type.metrics().stream().map(m -> m.name()).toList()));
            }
            if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest(p, "Field '" + p + "' must be an object");
            }
            JsonObject t = e.getValue().asJsonObject();
            out.put(e.getKey(), new Thresholds(JsonInput.number(t, "warn_low", p, false),
                    JsonInput.number(t, "warn_high", p, false), JsonInput.number(t, "crit_low", p, false),
                    JsonInput.number(t, "crit_high", p, false)));
        }
        return out;
    }

    private static String sorted(java.util.Collection<String> c) {
        return String.join(", ", c.stream().sorted().toList());
    }
}
