package io.homepot.appliance.scoring;

import io.homepot.appliance.store.Thresholds;

/** Converts the store's thresholds (null = not set) into the scoring module's (NaN = not set). */
public final class AnomalyLimits {
    private AnomalyLimits() {
    }

    public static io.homepot.scoring.health.Thresholds of(Thresholds t) {
        return AnomalyClassifier.limits(t);
    }
}
