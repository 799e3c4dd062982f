package io.homepot.appliance.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one unit of engine work (a live batch or a catch-up replay) produced, flushed at its end. */
final class ScoringPass {
    final boolean replay;
    final List<AlertFact> alerts = new ArrayList<>();
    final List<ScoringQueries.HealthPoint> history = new ArrayList<>();
    final List<HealthChange> changes = new ArrayList<>();
    final Set<Long> dirty = new LinkedHashSet<>();
    /** Newest data time seen per device in this pass. */
    final Map<Long, Long> latest = new LinkedHashMap<>();
    /** Data time of the last health assessment per device (replay samples health every history interval). */
    final Map<Long, Long> lastAssess = new HashMap<>();
    long points;

    ScoringPass(boolean replay) {
        this.replay = replay;
    }

    void touch(long deviceId, long epochMillis) {
        latest.merge(deviceId, epochMillis, Math::max);
    }

    Instant latest(long deviceId) {
        return Instant.ofEpochMilli(latest.get(deviceId));
    }
}
