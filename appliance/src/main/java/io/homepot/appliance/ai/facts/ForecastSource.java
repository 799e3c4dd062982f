package io.homepot.appliance.ai.facts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.store.Device;

/**
 * Supplies forecasts per device. {@link HourlyForecastSource} runs the scoring module's forecaster (trend + daily
 * seasonality, confidence measured on held-back days) over stored hourly means.
 */
public interface ForecastSource {

    /**
     * @param devices      devices to forecast
     * @param stats        each device's metric statistics over the recent period (thresholds included)
     * @param now          forecast origin
     * @param horizonHours forecast horizon
     * @return forecasts per device id (devices without forecastable metrics may be absent)
     */
    Map<Long, List<ForecastFact>> forecast(List<Device> devices, Map<Long, List<MetricStats>> stats, Instant now,
                                           int horizonHours);
}
