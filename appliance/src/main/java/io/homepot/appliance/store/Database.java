package io.homepot.appliance.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.homepot.appliance.config.DbConfig;
import org.flywaydb.core.Flyway;

/**
 * The connection pool plus schema migration for one backend (embedded H2 or PostgreSQL).
 * Opening runs the Flyway migrations in {@code classpath:db/migration}; on PostgreSQL with the
 * TimescaleDB extension installed, {@code metric_samples} is turned into a hypertable.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** Supported backends. */
    public enum Kind {
        H2("h2"), POSTGRESQL("postgresql");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final HikariDataSource ds;
    private final Kind kind;
    private final String url;
    private final boolean timescale;

    private Database(HikariDataSource ds, Kind kind, String url, boolean timescale) {
        this.ds = ds;
        this.kind = kind;
        this.url = url;
        this.timescale = timescale;
    }

    /** Opens the pool for {@code cfg} (H2 under {@code dataDir} when no URL is set) and migrates the schema. */
    public static Database open(DbConfig cfg, Path dataDir) {
        String url = cfg.effectiveUrl(dataDir);
        Kind kind = url.startsWith("jdbc:postgresql:") ? Kind.POSTGRESQL : Kind.H2;
        if (kind == Kind.H2 && cfg.url() == null) {
            try {
                Files.createDirectories(dataDir);
            } catch (Exception e) {
                throw new StoreException("Cannot create data dir " + dataDir + ": " + e.getMessage(), e);
            }
            // WRITE_DELAY=0: a commit is written to the file before it returns (survives a process crash).
            // QUERY_CACHE_SIZE: one AI answer runs ~20 distinct statements; H2's default of 8 per connection
            // re-parsed them on every request.
            url = url + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(cfg.user());
        hc.setPassword(cfg.password());
        hc.setMaximumPoolSize(cfg.poolSize());
        hc.setMinimumIdle(Math.min(2, cfg.poolSize()));
        hc.setPoolName("homepot-db");
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            boolean ts = kind == Kind.POSTGRESQL && enableTimescale(ds);
            return new Database(ds, kind, url, ts);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Detects TimescaleDB and makes {@code metric_samples} a hypertable; returns whether it is present. */
    private static boolean enableTimescale(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            List<String> ext = Sql.query(c, "select extname from pg_extension where extname = 'timescaledb'", rs -> rs.getString(1));
            if (ext.isEmpty()) {
                return false;
            }
            Sql.query(c, "select create_hypertable('metric_samples', 'ts', if_not_exists => true, migrate_data => true)",
                    rs -> rs.getString(1));
            LOG.info("TimescaleDB detected: metric_samples is a hypertable");
            return true;
        } catch (SQLException e) {
            LOG.warning("TimescaleDB present but hypertable creation failed: " + e.getMessage());
            return false;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL without credentials. */
    public String url() {
        return url;
    }

    public boolean timescale() {
        return timescale;
    }

    public DataSource dataSource() {
        return ds;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(Sql.Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("Database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * (runtime exceptions from {@code work} propagate unchanged).
     */
    public <T> T inTransaction(Sql.Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    t.addSuppressed(suppressed);
                }
                throw t;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Database error: " + e.getMessage(), e);
        }
    }

    /** True when a trivial query succeeds within a second. */
    public boolean ping() {
        try (Connection c = ds.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        ds.close();
    }
}
