package io.homepot.appliance.store;

/**
 * Filters for listing devices; {@code null} filters are ignored.
 *
 * @param siteId   only devices of this site
 * @param typeCode only devices of this type code
 * @param status   only devices with this status
 * @param q        case-insensitive substring of the device name
 * @param limit    page size
 * @param offset   rows to skip
 */
public record DeviceQuery(Long siteId, String typeCode, String status, String q, int limit, int offset) {
}
