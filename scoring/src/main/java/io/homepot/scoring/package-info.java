/** Streaming anomaly detection, health scoring and forecasting. No dependencies. */
package io.homepot.scoring;
