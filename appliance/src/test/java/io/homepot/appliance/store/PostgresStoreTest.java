package io.homepot.appliance.store;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;

/**
 * The storage contract on a real PostgreSQL (local server at 127.0.0.1:5432 if it answers, else embedded),
 * in a fresh database per run.
 */
@DisplayName("[postgresql] storage contract")
class PostgresStoreTest extends StoreContractTest {
    private final String dbName = "homepot_test_" + Long.toHexString(System.nanoTime());

    @Override
    String backend() {
        return "postgresql";
    }

    @Override
    Database open() {
        System.out.println("[postgresql] using " + PostgresSupport.origin() + ", database " + dbName);
        return Database.open(PostgresSupport.freshDatabase(dbName), Path.of("target"));
    }

    @Override
    void cleanup() {
        PostgresSupport.drop(dbName);
    }
}
