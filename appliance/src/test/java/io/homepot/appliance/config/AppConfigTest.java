package io.homepot.appliance.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code application.yaml} defaults, environment overrides, flags, and start-up errors that name key and variable. */
class AppConfigTest {

    @Test
    void defaultsComeFromApplicationYamlAndTheEnvironmentWins() {
        AppConfig d = AppConfig.load(List.of(), Map.of());
        assertEquals(8080, d.port());
        assertEquals("0.0.0.0", d.host());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), d.dataDir());
        assertEquals(8, d.db().poolSize());
        assertEquals(20_000, d.limits().maxBatchItems());
        assertFalse(d.demo().enabled());

        AppConfig e = AppConfig.load(List.of("--demo"), Map.of("HOMEPOT_PORT", "18080", "HOMEPOT_DATA_DIR", "/tmp/x",
                "HOMEPOT_MAX_BATCH_ITEMS", " 500 ", "HOMEPOT_DEMO_DAYS", "3", "HOMEPOT_HOST", "  "));
        assertEquals(18080, e.port());
        assertEquals(Path.of("/tmp/x"), e.dataDir());
        assertEquals(500, e.limits().maxBatchItems());
        assertTrue(e.demo().enabled());
        assertEquals(3, e.demo().days());
        assertEquals("0.0.0.0", e.host(), "a blank variable does not override");
    }

    @Test
    void invalidValuesNameTheKeyAndTheVariable() {
        String port = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of("HOMEPOT_PORT", "80a")))
                .getMessage();
        assertEquals("homepot.port (HOMEPOT_PORT) must be a whole number, got '80a'", port);
        String range = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of("HOMEPOT_PORT",
                "99999999999"))).getMessage();
        assertTrue(range.startsWith("homepot.port (HOMEPOT_PORT)"), range);
        String bool = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of("HOMEPOT_DEMO",
                "maybe"))).getMessage();
        assertEquals("homepot.demo.enabled (HOMEPOT_DEMO) must be true or false, got 'maybe'", bool);
        String arg = assertThrows(ConfigException.class, () -> AppConfig.load(List.of("--demoo"), Map.of())).getMessage();
        assertTrue(arg.contains("--demoo") && arg.contains("--demo"), arg);
        String p = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of("HOMEPOT_PORT", "70000")))
                .getMessage();
        assertTrue(p.contains("HOMEPOT_PORT") && p.contains("70000"), p);
    }
}
