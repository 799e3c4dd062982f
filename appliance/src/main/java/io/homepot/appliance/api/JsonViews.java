package io.homepot.appliance.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Page;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Thresholds;
import jakarta.json.JsonObject;

/** The JSON representation of each resource, in one place (snake_case field names). */
public final class JsonViews {
    private JsonViews() {
    }

    public static JsonObject site(Site s) {
        return Json.obj().put("id", s.id()).put("name", s.name()).put("address", s.address())
                .put("timezone", s.timezone()).put("demo", s.demo()).put("created_at", s.createdAt()).build();
    }

    public static Json.Obj thresholds(Thresholds t) {
        return Json.obj().put("warn_low", t.warnLow()).put("warn_high", t.warnHigh())
                .put("crit_low", t.critLow()).put("crit_high", t.critHigh());
    }

    public static JsonObject metric(MetricDefinition m) {
        return Json.obj().put("name", m.name()).put("unit", m.unit()).put("normal_min", m.normalMin())
                .put("normal_max", m.normalMax()).put("thresholds", thresholds(m.thresholds())).build();
    }

    public static JsonObject deviceType(DeviceType t) {
        return Json.obj().put("id", t.id()).put("code", t.code()).put("name", t.name())
                .put("description", t.description())
                .put("metrics", t.metrics().stream().map(JsonViews::metric).toList()).build();
    }

    public static JsonObject device(Device d) {
        Map<String, Object> th = new LinkedHashMap<>();
        d.thresholds().forEach((k, v) -> th.put(k, thresholds(v)));
        return Json.obj().put("id", d.id()).put("site_id", d.siteId()).put("type", d.typeCode())
                .put("device_type_id", d.deviceTypeId()).put("name", d.name()).put("location", d.location())
                .put("tags", d.tags()).put("thresholds", th).put("status", d.status())
                .put("health_score", d.healthScore()).put("last_seen", d.lastSeen()).put("demo", d.demo())
                .put("created_at", d.createdAt()).build();
    }

    public static JsonObject event(Event e) {
        return Json.obj().put("id", e.id()).put("device_id", e.deviceId()).put("ts", e.ts()).put("kind", e.kind())
                .put("severity", e.severity()).put("message", e.message()).put("value", e.value()).build();
    }

    /** {@code {"items":[...], "total":n, "limit":l, "offset":o}}. */
    public static <T> JsonObject page(Page<T> p, java.util.function.Function<T, JsonObject> view) {
        return Json.obj().put("items", p.items().stream().map(view).toList()).put("total", p.total())
                .put("limit", p.limit()).put("offset", p.offset()).build();
    }
}
