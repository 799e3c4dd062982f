package io.homepot.appliance.store;

import java.time.Instant;

/** A site (building, shop) that holds devices. {@code demo} marks the generated demo site. */
public record Site(long id, String name, String address, String timezone, boolean demo, Instant createdAt) {
}
