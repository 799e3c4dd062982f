package io.homepot.vectorindex.index;

import io.homepot.vectorindex.model.IncidentRecord;

/**
 * Restricts a similarity search. {@code null} fields match everything; the time range is
 * inclusive ({@code fromMs <= timestamp <= toMs}).
 */
public record SearchFilter(String siteId, String deviceId, String category, Long fromMs, Long toMs) {

    /** Matches every incident. */
    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null);

    public SearchFilter site(String site) {
        return new SearchFilter(site, deviceId, category, fromMs, toMs);
    }

    public SearchFilter device(String device) {
        return new SearchFilter(siteId, device, category, fromMs, toMs);
    }

    public SearchFilter category(String cat) {
        return new SearchFilter(siteId, deviceId, cat, fromMs, toMs);
    }

    public SearchFilter between(Long from, Long to) {
        return new SearchFilter(siteId, deviceId, category, from, to);
    }

    public boolean isNone() {
        return siteId == null && deviceId == null && category == null && fromMs == null && toMs == null;
    }

    public boolean matches(IncidentRecord r) {
        return (siteId == null || siteId.equals(r.siteId()))
                && (deviceId == null || deviceId.equals(r.deviceId()))
                && (category == null || category.equals(r.category()))
                && (fromMs == null || r.timestampMs() >= fromMs)
                && (toMs == null || r.timestampMs() <= toMs);
    }
}
