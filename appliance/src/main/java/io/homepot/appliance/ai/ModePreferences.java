package io.homepot.appliance.ai;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.store.User;
import io.homepot.appliance.store.UserStore;

/**
 * Per-user analysis mode, stored in {@code user_preferences} under {@link #KEY}. Users are identified by
 * the {@code X-Homepot-User} header ({@link #DEFAULT_USER} when absent) and created on first write.
 * This class is the only writer of the preference: reads are served from memory after the first one per user
 * (written through on {@link #set}, re-read after {@link #TTL_NANOS} in case the row was changed elsewhere).
 */
public final class ModePreferences {
    public static final String KEY = "ai.mode";
    public static final String DEFAULT_USER = "default";
    public static final String HEADER = "X-Homepot-User";

    /** Remembered users kept at most (cleared when exceeded). */
    static final int MAX_USERS = 10_000;
    /** Age after which a remembered mode is read again from the store. */
    static final long TTL_NANOS = java.time.Duration.ofSeconds(60).toNanos();

    private record Known(AnalysisMode mode, long readNanos) {
    }

    private final UserStore users;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

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
        long now = System.nanoTime();
        Known k = known.get(user);
        if (k != null && now - k.readNanos() < TTL_NANOS) {
            return k.mode();
        }
        AnalysisMode mode = read(user);
        remember(user, mode, now);
        return mode;
    }

    private void remember(String user, AnalysisMode mode, long now) {
        if (known.size() > MAX_USERS) {
            known.clear();
        }
        // a read that started before a concurrent set() must not overwrite what that set() stored
        known.merge(user, new Known(mode, now), (old, fresh) -> old.readNanos() - fresh.readNanos() > 0 ? old : fresh);
    }

    private AnalysisMode read(String user) {
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
        remember(user, mode, System.nanoTime());
    }
}
