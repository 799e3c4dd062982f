package io.homepot.appliance.store;

import java.nio.file.Files;
import java.nio.file.Path;

import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.testing.RunningAppliance;
import org.junit.jupiter.api.DisplayName;

/** The storage contract on the embedded H2 file database (in a temp data dir). */
@DisplayName("[h2] storage contract")
class H2StoreTest extends StoreContractTest {
    private Path dir;

    @Override
    String backend() {
        return "h2";
    }

    @Override
    Database open() throws Exception {
        dir = Files.createTempDirectory("homepot-h2-store");
        return Database.open(DbConfig.embedded(), dir);
    }

    @Override
    void cleanup() {
        RunningAppliance.deleteTree(dir);
    }
}
