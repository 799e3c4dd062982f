package io.homepot.appliance.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.homepot.appliance.config.DbConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the storage tests: the server at 127.0.0.1:5432 (user postgres, trust auth) when it
 * answers, else an embedded one (io.zonky). Each {@link #freshDatabase()} creates an empty database so runs
 * are isolated; {@link #drop(String)} removes it.
 */
final class PostgresSupport {
    private static String adminUrl;
    private static String user = "postgres";
    private static EmbeddedPostgres embedded;
    private static String origin;

    private PostgresSupport() {
    }

    static synchronized String origin() {
        init();
        return origin;
    }

    private static synchronized void init() {
        if (adminUrl != null) {
            return;
        }
        String local = "jdbc:postgresql://127.0.0.1:5432/postgres";
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(local, p)) {
            adminUrl = local;
            origin = "local server 127.0.0.1:5432 (" + c.getMetaData().getDatabaseProductVersion() + ")";
            return;
        } catch (SQLException e) {
            // fall back to embedded
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            adminUrl = embedded.getJdbcUrl("postgres", "postgres");
            origin = "embedded (io.zonky) on port " + embedded.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // shutting down
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL at 127.0.0.1:5432 and the embedded one failed to start", e);
        }
    }

    /** Creates an empty database and returns a config pointing at it. */
    static DbConfig freshDatabase(String name) {
        init();
        exec("CREATE DATABASE " + name);
        String url = adminUrl.replace("/postgres", "/" + name);
        return new DbConfig(url, user, "", 4);
    }

    static void drop(String name) {
        exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void exec(String sql) {
        Properties p = new Properties();
        p.setProperty("user", user);
        try (Connection c = DriverManager.getConnection(adminUrl, p); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
