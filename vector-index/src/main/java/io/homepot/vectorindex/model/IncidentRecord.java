package io.homepot.vectorindex.model;

import java.util.Objects;

/**
 * One incident as the database knows it; the unit the index stores and returns.
 *
 * @param id          database id (unique key of the index)
 * @param deviceId    device that raised it
 * @param siteId      site of the device
 * @param deviceType  e.g. {@code fridge}, {@code gateway}
 * @param category    e.g. {@code temperature}, {@code connectivity}
 * @param severity    e.g. {@code warning}, {@code critical}
 * @param resolution  what fixed it, {@code null} while unresolved
 * @param timestampMs creation time, epoch milliseconds
 * @param text        description that is embedded
 */
public record IncidentRecord(long id, String deviceId, String siteId, String deviceType,
                             String category, String severity, String resolution,
                             long timestampMs, String text) {

    public IncidentRecord {
        text = Objects.requireNonNullElse(text, "");
    }

    /** Copy with another resolution. */
    public IncidentRecord withResolution(String newResolution) {
        return new IncidentRecord(id, deviceId, siteId, deviceType, category, severity,
                newResolution, timestampMs, text);
    }
}
