package io.homepot.appliance.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.scoring.HourlyForecast;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Stores;
import io.homepot.appliance.store.Thresholds;

/**
 * {@code GET /api/devices/{id}/forecast?metric=}: next 24 h of a metric from the stored last 30 days, aggregated
 * hourly in SQL ({@link io.homepot.appliance.store.SampleStore#downsample}), with time to the device's effective
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
        long[] ts = new long[buckets.size()];
        double[] v = new double[buckets.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = buckets.get(i).ts().toEpochMilli();
            v[i] = buckets.get(i).avg();
        }
        HourlyForecast.Result r = HourlyForecast.forecast(ts, v, th);
        List<Object> points = new ArrayList<>();
        if (r != null) {
            r.points().forEach(p -> points.add(Json.obj().put("ts", p.ts()).put("value", p.value())
                    .put("lower", p.lower()).put("upper", p.upper())));
        }
        Json.send(res, Json.obj().put("device_id", id).put("metric", metric).put("unit", def.unit())
                .put("points", points)
                .put("warning_threshold", th.warnHigh() != null ? th.warnHigh() : th.warnLow())
                .put("critical_threshold", th.critHigh() != null ? th.critHigh() : th.critLow())
                .put("time_to_warning_hours", r == null ? null : r.timeToWarningHours())
                .put("time_to_critical_hours", r == null ? null : r.timeToCriticalHours())
                .put("risk_score", r == null ? null : r.riskScore())
                .put("confidence", r == null ? null : r.confidence())
                .put("history_hours", buckets.size()).build());
    }
}
