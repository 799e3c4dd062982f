package io.homepot.appliance.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.scoring.StoredForecast;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;
import io.homepot.scoring.forecast.Forecast;

/**
 * {@code GET /api/devices/{id}/forecast?metric=}: next 24 h of a metric from the stored last 30 days, aggregated
 * hourly in SQL ({@link io.homepot.appliance.store.SampleStore#downsample}) and forecast by the scoring module's
 * {@link io.homepot.scoring.forecast.Forecaster} (trend + hour-of-day profile; {@link StoredForecast}), with time to the device's effective
 * warning/critical thresholds, a risk score and a back-tested confidence.
 * Routes are relative: mount at {@code /api}.
 */
public final class ForecastApi implements HttpService {
    private final Stores stores;

    public ForecastApi(Stores stores) {
        this.stores = stores;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/devices/{id}/forecast", this::forecast);
    }

    private void forecast(ServerRequest req, ServerResponse res) {
        long id = Params.pathId(req, "id");
        Device d = stores.devices().get(id).orElseThrow(() -> ProblemException.notFound("Device", id));
        String metric = Params.query(req, "metric");
        if (metric == null) {
            throw ProblemException.badRequest("metric", "Query parameter 'metric' is required");
        }
        DeviceType type = stores.deviceTypes().get(d.deviceTypeId()).orElseThrow();
        MetricDefinition def = type.metric(metric).orElseThrow(() -> ProblemException.unprocessable("metric",
                "Device " + id + " (" + type.code() + ") has no metric '" + metric + "'"));
        Thresholds th = (def.thresholds() == null ? Thresholds.NONE : def.thresholds())
                .overriddenBy(d.thresholds().get(metric));
        Instant end = stores.samples().latest(id, metric).orElse(Instant.now()).plusMillis(1);
        List<SeriesBucket> buckets = stores.samples().downsample(id, metric, end.minus(Duration.ofDays(30)), end, 3600);
        Forecast r = StoredForecast.of(buckets, th, 24);
        List<Object> points = new ArrayList<>();
        if (r != null) {
            for (int k = 0; k < r.hourly().length; k++) {
                points.add(Json.obj().put("ts", Instant.ofEpochMilli(r.startMillis() + k * 3_600_000L))
                        .put("value", round(r.hourly()[k])).put("lower", round(r.lower()[k]))
                        .put("upper", round(r.upper()[k])));
            }
        }
        Json.send(res, Json.obj().put("device_id", id).put("metric", metric).put("unit", def.unit())
                .put("points", points)
                .put("warning_threshold", th.warnHigh() != null ? th.warnHigh() : th.warnLow())
                .put("critical_threshold", th.critHigh() != null ? th.critHigh() : th.critLow())
                .put("time_to_warning_hours", r == null ? null : r.hoursToWarning())
                .put("time_to_critical_hours", r == null ? null : r.hoursToCritical())
                .put("risk_score", r == null ? null : round(r.risk()))
                .put("confidence", r == null ? null : round(r.confidence()))
                .put("confidence_held_back_hours", r == null ? null : r.heldBackHours())
                .put("slope_per_hour", r == null ? null : r.slopePerHour())
                .put("history_hours", buckets.size()).build());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
