package io.homepot.appliance.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceStore;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.DeviceTypeStore;
import io.homepot.appliance.store.EventStore;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.SampleStore;
import jakarta.json.JsonObject;

/**
 * Time series and events of one device, mounted under {@code /api/devices}:
 * {@code GET /{id}/metrics?metric=&from=&to=&step=} (raw, or avg/min/max/count per step bucket computed in SQL)
 * and {@code GET /{id}/events?from=&to=&kind=&limit=&offset=} (newest first).
 */
public final class DeviceDataService implements HttpService {
    private static final long MAX_BUCKETS = 100_000;
    private final DeviceStore devices;
    private final DeviceTypeStore types;
    private final SampleStore samples;
    private final EventStore events;
    private final LimitsConfig limits;
    private final Clock clock;

    public DeviceDataService(DeviceStore devices, DeviceTypeStore types, SampleStore samples, EventStore events,
                             LimitsConfig limits, Clock clock) {
        this.devices = devices;
        this.types = types;
        this.samples = samples;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}/metrics", this::metrics).get("/{id}/events", this::events);
    }

    private Device device(ServerRequest req) {
        long id = Params.pathId(req, "id");
        return devices.get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        Device d = device(req);
        DeviceType type = types.get(d.deviceTypeId()).orElseThrow();
        Instant to = orElse(Params.instant(req, "to"), clock.instant());
        Instant from = orElse(Params.instant(req, "from"), to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from", "'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        Duration step = Params.duration(req, "step");
        if (step != null && (step.getSeconds() < 1 || Duration.between(from, to).getSeconds() / step.getSeconds() > MAX_BUCKETS)) {
            throw ProblemException.unprocessable("step", "'step' must be at least 1s and give at most " + MAX_BUCKETS
                    + " buckets for the requested range");
        }
        String metric = Params.query(req, "metric");
        List<MetricDefinition> wanted;
        if (metric == null) {
            wanted = type.metrics();
        } else {
            wanted = List.of(type.metric(metric).orElseThrow(() -> ProblemException.unprocessable("metric",
                    "Unknown metric '" + metric + "' for device " + d.id() + " of type " + type.code() + "; allowed metrics: "
                            + String.join(", ", type.metrics().stream().map(MetricDefinition::name).sorted().toList()))));
        }
        List<JsonObject> series = new ArrayList<>();
        for (MetricDefinition m : wanted) {
            Json.Obj s = Json.obj().put("metric", m.name()).put("unit", m.unit());
            if (step == null) {
                List<Sample> raw = samples.raw(d.id(), m.name(), from, to, limits.maxRawPoints() + 1);
                boolean truncated = raw.size() > limits.maxRawPoints();
                List<Sample> shown = truncated ? raw.subList(0, limits.maxRawPoints()) : raw;
                s.put("points", shown.stream().map(p -> Json.obj().put("ts", p.ts()).put("value", p.value()).build()).toList())
                        .put("truncated", truncated);
            } else {
                s.put("points", samples.downsample(d.id(), m.name(), from, to, step.getSeconds()).stream()
                        .map(b -> Json.obj().put("ts", b.ts()).put("avg", b.avg()).put("min", b.min()).put("max", b.max())
                                .put("count", b.count()).build()).toList());
            }
            series.add(s.build());
        }
        Json.send(res, Json.obj().put("device_id", d.id()).put("from", from).put("to", to)
                .put("step_seconds", step == null ? null : step.getSeconds()).put("series", series).build());
    }

    private void events(ServerRequest req, ServerResponse res) {
        Device d = device(req);
        var page = events.list(d.id(), Params.instant(req, "from"), Params.instant(req, "to"), Params.query(req, "kind"),
                Params.intParam(req, "limit", 100, 1, 1000), Params.intParam(req, "offset", 0, 0, Integer.MAX_VALUE));
        Json.send(res, JsonViews.page(page, JsonViews::event));
    }

    private static <T> T orElse(T v, T dflt) {
        return v == null ? dflt : v;
    }
}
