package io.homepot.appliance.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;


/**
 * The appliance's whole configuration, read once at start-up by {@code Main} and passed down as
 * immutable typed records. Sources, later wins: {@code application.yaml} on the class path,
 * environment variables, command-line flags.
 *
 * <table>
 * <caption>Environment overrides</caption>
 * <tr><td>HOMEPOT_PORT</td><td>homepot.port (default 8080; 0 = any free port)</td></tr>
 * <tr><td>HOMEPOT_HOST</td><td>homepot.host (default 0.0.0.0)</td></tr>
 * <tr><td>HOMEPOT_DATA_DIR</td><td>homepot.data-dir (default ./data)</td></tr>
 * <tr><td>HOMEPOT_DB_URL / _USER / _PASSWORD / _POOL_SIZE</td><td>homepot.db.* (PostgreSQL instead of embedded H2)</td></tr>
 * <tr><td>HOMEPOT_MAX_BODY_BYTES, HOMEPOT_MAX_BATCH_ITEMS, HOMEPOT_MAX_RAW_POINTS</td><td>homepot.limits.*</td></tr>
 * <tr><td>HOMEPOT_DEMO, HOMEPOT_DEMO_SEED, HOMEPOT_DEMO_DAYS, HOMEPOT_DEMO_LIVE_INTERVAL_SECONDS</td><td>homepot.demo.*</td></tr>
 * <tr><td>OLLAMA_URL</td><td>homepot.ollama.url</td></tr>
 * </table>
 * Flags: {@code --demo} enables the demo site, {@code --remove-demo} deletes it and exits.
 *
 * @param host       listen address
 * @param port       HTTP port
 * @param dataDir    directory for the embedded database and other state
 * @param db         database settings
 * @param limits     request limits
 * @param demo       demo site settings
 * @param ollamaUrl  base URL of the local Ollama server (used by the LLM client)
 * @param removeDemo delete the demo site and exit
 */
public record AppConfig(String host, int port, Path dataDir, DbConfig db, LimitsConfig limits, DemoConfig demo,
                        String ollamaUrl, boolean removeDemo) {

    public AppConfig {
        if (port < 0 || port > 65535) {
            throw new ConfigException("homepot.port (HOMEPOT_PORT) must be 0..65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException("homepot.host (HOMEPOT_HOST) must not be empty");
        }
        if (dataDir == null) {
            throw new ConfigException("homepot.data-dir (HOMEPOT_DATA_DIR) must not be empty");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Defaults suitable for tests: port 0, embedded H2 in {@code dataDir}, no demo. */
    public static AppConfig forTests(Path dataDir) {
        return new AppConfig("127.0.0.1", 0, dataDir, DbConfig.embedded(), LimitsConfig.defaults(),
                DemoConfig.disabled(), "http://localhost:11434", false);
    }

    /** Reads {@code application.yaml}, the process environment and the arguments. */
    public static AppConfig load(String[] args) {
        return load(List.of(args), System.getenv());
    }

    /** Reads {@code application.yaml}, then applies {@code env} and {@code args}. */
    public static AppConfig load(List<String> args, Map<String, String> env) {
        Settings s = Settings.of("homepot", env);
        boolean demoFlag = false;
        boolean removeDemo = false;
        for (String a : args) {
            switch (a) {
                case "--demo" -> demoFlag = true;
                case "--remove-demo" -> removeDemo = true;
                default -> throw new ConfigException("Unknown argument '" + a + "'; supported: --demo, --remove-demo");
            }
        }
        DbConfig db = new DbConfig(
                s.str("db.url", "HOMEPOT_DB_URL", ""),
                s.str("db.user", "HOMEPOT_DB_USER", ""),
                s.str("db.password", "HOMEPOT_DB_PASSWORD", ""),
                s.integer("db.pool-size", "HOMEPOT_DB_POOL_SIZE", 8));
        LimitsConfig limits = new LimitsConfig(
                s.num("limits.max-body-bytes", "HOMEPOT_MAX_BODY_BYTES", 16L * 1024 * 1024),
                s.integer("limits.max-batch-items", "HOMEPOT_MAX_BATCH_ITEMS", 20_000),
                s.integer("limits.max-raw-points", "HOMEPOT_MAX_RAW_POINTS", 100_000));
        DemoConfig demo = new DemoConfig(
                demoFlag || s.bool("demo.enabled", "HOMEPOT_DEMO", false),
                s.num("demo.seed", "HOMEPOT_DEMO_SEED", 42L),
                s.integer("demo.days", "HOMEPOT_DEMO_DAYS", 30),
                s.integer("demo.live-interval-seconds", "HOMEPOT_DEMO_LIVE_INTERVAL_SECONDS", 60));
        return new AppConfig(
                s.str("host", "HOMEPOT_HOST", "0.0.0.0"),
                s.integer("port", "HOMEPOT_PORT", 8080),
                Path.of(s.str("data-dir", "HOMEPOT_DATA_DIR", "./data")),
                db, limits, demo,
                s.str("ollama.url", "OLLAMA_URL", "http://localhost:11434"),
                removeDemo);
    }
}
