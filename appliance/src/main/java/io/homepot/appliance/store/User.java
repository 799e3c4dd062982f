package io.homepot.appliance.store;

import java.time.Instant;

/** An appliance user; preferences live in {@code user_preferences} (see {@link UserStore}). */
public record User(long id, String username, String displayName, String role, Instant createdAt) {
}
