package io.homepot.appliance.ai;

import java.util.Locale;

import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.User;
import io.homepot.appliance.store.UserStore;

/**
 * Per-user analysis mode, stored in {@code user_preferences} under {@link #KEY}. Users are identified by
 * the {@code X-Homepot-User} header ({@link #DEFAULT_USER} when absent) and created on first write.
 */
public final class ModePreferences {
    public static final String KEY = "ai.mode";
    public static final String DEFAULT_USER = "default";
    public static final String HEADER = "X-Homepot-User";

    private final UserStore users;

    public ModePreferences(UserStore users) {
        this.users = users;
    }

    /** A valid user name from a header value ({@code default} when blank). */
    public static String user(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_USER;
        }
        String u = header.strip();
        if (u.length() > 100 || !u.matches("[\\p{L}\\p{N}._@-]+")) {
            throw new IllegalArgumentException(HEADER + " must be 1-100 letters, digits or . _ @ -");
        }
        return u.toLowerCase(Locale.ROOT);
    }

    /** The user's stored mode, or maintenance. */
    public AnalysisMode get(String user) {
        return users.findByUsername(user).map(u -> users.preferences(u.id()).get(KEY)).map(v -> {
            try {
                return AnalysisMode.parse(v);
            } catch (IllegalArgumentException e) {
                return AnalysisMode.MAINTENANCE;
            }
        }).orElse(AnalysisMode.MAINTENANCE);
    }

    /** Stores the user's mode (creating the user when needed). */
    public void set(String user, AnalysisMode mode) {
        User u = users.findByUsername(user).orElseGet(() -> {
            try {
                return users.create(user, null, "viewer");
            } catch (RuntimeException e) {
                return users.findByUsername(user).orElseThrow(() -> e);
            }
        });
        users.setPreference(u.id(), KEY, mode.id());
    }
}
