package io.homepot.appliance.scoring;

import java.util.List;

import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.store.Thresholds;
import io.homepot.scoring.forecast.Forecast;
import io.homepot.scoring.forecast.Forecaster;

/**
 * The scoring module's {@link Forecaster} over stored hourly means ({@code SampleStore.downsample} with 3600 s
 * buckets, aggregated in SQL): the one forecast behind {@code GET /api/devices/{id}/forecast} and the AI facts.
 */
public final class StoredForecast {
    private StoredForecast() {
    }

    /**
     * @param hourly     hourly means, one per bucket
     * @param thresholds the metric's effective thresholds (time to threshold, risk)
     * @return the forecast, or null with fewer than 6 hours of data
     */
    public static Forecast of(List<SeriesBucket> hourly, Thresholds thresholds, int horizonHours) {
        Forecaster f = new Forecaster();
        for (SeriesBucket b : hourly) {
            f.add(b.ts().toEpochMilli(), b.avg());
        }
        return f.forecast(horizonHours, AnomalyLimits.of(thresholds == null ? Thresholds.NONE : thresholds));
    }
}
