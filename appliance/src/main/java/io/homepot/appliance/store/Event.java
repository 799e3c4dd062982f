package io.homepot.appliance.store;

import java.time.Instant;

/**
 * A device event (connectivity change, alarm, maintenance note...).
 *
 * @param id       database id, {@code null} before insertion
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param value    optional numeric value attached to the event
 */
public record Event(Long id, long deviceId, Instant ts, String kind, String severity, String message, Double value) {
    public static Event of(long deviceId, Instant ts, String kind, String severity, String message, Double value) {
        return new Event(null, deviceId, ts, kind, severity, message, value);
    }
}
