package io.homepot.appliance.store;

import java.util.List;

/** One page of a list plus the total number of matching rows. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
}
