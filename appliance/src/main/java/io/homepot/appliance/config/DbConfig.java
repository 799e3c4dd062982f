package io.homepot.appliance.config;

import java.nio.file.Path;

/**
 * Database connection settings.
 *
 * @param url      JDBC URL; {@code null} means "embedded H2 file database in the data dir"
 * @param user     user name (may be empty)
 * @param password password (may be empty)
 * @param poolSize maximum connections in the pool
 */
public record DbConfig(String url, String user, String password, int poolSize) {

    public DbConfig {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("homepot.db.url (HOMEPOT_DB_URL) must start with jdbc:postgresql: or jdbc:h2:, got '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1 || poolSize > 200) {
            throw new ConfigException("homepot.db.pool-size (HOMEPOT_DB_POOL_SIZE) must be 1..200, got " + poolSize);
        }
    }

    /** Embedded H2 defaults. */
    public static DbConfig embedded() {
        return new DbConfig(null, "", "", 8);
    }

    /** The H2 file URL used when no URL is configured. */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("homepot")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY";
    }

    /** The effective JDBC URL for a data dir. */
    public String effectiveUrl(Path dataDir) {
        return url != null ? url : h2Url(dataDir);
    }

    /** Password-free description for logs and status. */
    @Override
    public String toString() {
        return "DbConfig[url=" + (url == null ? "<embedded h2>" : url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
