package io.homepot.appliance.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.testing.RunningAppliance;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upgrading a data dir written before samples were idempotent (schema 5.1, duplicates allowed) keeps one row
 * per (device, metric, ts) and the first-written value, on a real H2 file database.
 */
class SampleDeduplicationMigrationTest {
    private Path dir;

    @AfterEach
    void cleanup() {
        RunningAppliance.deleteTree(dir);
    }

    @Test
    void upgradeRemovesDuplicatesAndKeepsTheFirstRow() throws Exception {
        dir = Files.createTempDirectory("homepot-dedup");
        String url = DbConfig.embedded().effectiveUrl(dir);
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration")
                .placeholders(Map.of("rowid", "_ROWID_")).target("5.1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement st = c.createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            st.execute("INSERT INTO metric_samples (device_id, metric, ts, value) VALUES "
                    + "(1, 'temperature', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 20),"
                    + "(1, 'temperature', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 99),"
                    + "(1, 'temperature', TIMESTAMP WITH TIME ZONE '2026-01-01 00:01:00+00', 21),"
                    + "(1, 'humidity',    TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 40),"
                    + "(1, 'humidity',    TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00', 41)");
        }
        try (Database db = Database.open(DbConfig.embedded(), dir)) {
            int[] rows = db.read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(value) FROM metric_samples")) {
                    rs.next();
                    return new int[] {rs.getInt(1), rs.getInt(2)};
                }
            });
            assertEquals(3, rows[0]);
            assertEquals(20 + 21 + 40, rows[1]);
        }
    }
}
