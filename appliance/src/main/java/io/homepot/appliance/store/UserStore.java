package io.homepot.appliance.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** All SQL for {@code users} and {@code user_preferences}. */
public final class UserStore {
    private static final String COLS = "id, username, display_name, role, created_at";
    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public User create(String username, String displayName, String role) {
        return db.inTransaction(c -> {
            long id = Sql.insert(c, "INSERT INTO users (username, display_name, role) VALUES (?, ?, ?)",
                    username, Sql.orNull(displayName), role == null ? "viewer" : role);
            return Sql.one(c, "SELECT " + COLS + " FROM users WHERE id = ?", UserStore::map, id);
        });
    }

    public Optional<User> findByUsername(String username) {
        return Optional.ofNullable(db.read(c -> Sql.one(c, "SELECT " + COLS + " FROM users WHERE username = ?",
                UserStore::map, username)));
    }

    /** Sets (inserts or replaces) one preference. */
    public void setPreference(long userId, String key, String value) {
        db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE user_preferences SET pref_value = ? WHERE user_id = ? AND pref_key = ?",
                    Sql.orNull(value), userId, key);
            if (n == 0) {
                Sql.update(c, "INSERT INTO user_preferences (user_id, pref_key, pref_value) VALUES (?, ?, ?)",
                        userId, key, Sql.orNull(value));
            }
            return null;
        });
    }

    public Map<String, String> preferences(long userId) {
        Map<String, String> out = new LinkedHashMap<>();
        db.read(c -> Sql.query(c, "SELECT pref_key, pref_value FROM user_preferences WHERE user_id = ? ORDER BY pref_key",
                rs -> out.put(rs.getString(1), rs.getString(2)), userId));
        return out;
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM users"));
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), rs.getString("role"),
                Sql.instant(rs, "created_at"));
    }
}
