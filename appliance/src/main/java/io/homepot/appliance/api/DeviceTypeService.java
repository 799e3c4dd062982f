package io.homepot.appliance.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.DeviceTypeStore;

/** {@code /api/device-types}: list, and get by numeric id or code. */
public final class DeviceTypeService implements HttpService {
    private final DeviceTypeStore types;

    public DeviceTypeService(DeviceTypeStore types) {
        this.types = types;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            var items = types.list().stream().map(JsonViews::deviceType).toList();
            Json.send(res, Json.obj().put("items", items).put("total", items.size()).build());
        }).get("/{key}", this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        String key = req.path().pathParameters().get("key");
        DeviceType t = (key.matches("\\d+") ? types.get(Long.parseLong(key)) : types.findByCode(key))
                .orElseThrow(() -> ProblemException.notFound("Device type", key));
        Json.send(res, JsonViews.deviceType(t));
    }
}
