package io.homepot.appliance.store;

import java.time.Instant;

/** A row of {@code ai_reports}. */
public record Report(Long id, String reportType, Long siteId, Long deviceId, String content, Instant generatedAt,
                     String mode) {
}
