package io.homepot.appliance.scoring;

import io.homepot.appliance.store.Thresholds;
import io.homepot.scoring.classify.PatternClassifier;
import io.homepot.scoring.health.Severity;

/**
 * Category and severity of an anomaly, delegated to the scoring module ({@link PatternClassifier},
 * {@link Severity}) with the device's effective thresholds converted to its types.
 */
final class AnomalyClassifier {
    private static final PatternClassifier CLASSIFIER = new PatternClassifier();

    private AnomalyClassifier() {
    }

    static String category(String metric, String typeCode) {
        return CLASSIFIER.classify(metric, typeCode).label();
    }

    static String severity(double value, double deviation, Thresholds t, String kind) {
        return Severity.of(deviation, limits(t).levelOf(value)).label();
    }

    /** Store thresholds (null = not set) as scoring thresholds (NaN = not set). */
    static io.homepot.scoring.health.Thresholds limits(Thresholds t) {
        if (t == null) {
            return io.homepot.scoring.health.Thresholds.NONE;
        }
        return new io.homepot.scoring.health.Thresholds(nan(t.warnLow()), nan(t.warnHigh()), nan(t.critLow()),
                nan(t.critHigh()));
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
