package io.homepot.vectorindex.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points DJL's native-library cache at the data directory and forces offline mode, before any DJL
 * class is loaded.
 *
 * <p>DJL reads {@code DJL_OFFLINE}, {@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR} and
 * {@code OPT_OUT_TRACKING} first from the environment, then from system properties. The
 * tokenizers jar bundles {@code native/lib/linux-x86_64/cpu/libtokenizers.so}; in offline mode
 * DJL copies it from the classpath into {@code <ENGINE_CACHE_DIR>/tokenizers/<version>-cpu-linux-x86_64/}
 * and never downloads. This class sets the system properties (process-wide, as DJL requires) and
 * logs a warning when an environment variable overrides them.
 */
final class OfflineNativeSetup {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineNativeSetup.class);

    private OfflineNativeSetup() {
    }

    /**
     * Applies the offline settings, creating {@code <dataDir>/djl}.
     *
     * @return the directory DJL will use as engine cache
     */
    static Path apply(Path dataDir) {
        Path djl = dataDir.resolve("djl").toAbsolutePath();
        try {
            Files.createDirectories(djl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create DJL cache dir " + djl, e);
        }
        setIfEnvAbsent("DJL_CACHE_DIR", djl.toString());
        setIfEnvAbsent("ENGINE_CACHE_DIR", djl.toString());
        setIfEnvAbsent("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        String envOffline = System.getenv("DJL_OFFLINE");
        if (envOffline != null && !Boolean.parseBoolean(envOffline)) {
            LOG.warn("environment DJL_OFFLINE={} overrides offline mode; DJL may try the network",
                    envOffline);
        }
        String env = System.getenv("ENGINE_CACHE_DIR");
        return env != null && !env.isEmpty() ? Path.of(env) : djl;
    }

    private static void setIfEnvAbsent(String name, String value) {
        String env = System.getenv(name);
        if (env != null && !env.isEmpty()) {
            LOG.info("{} taken from the environment: {}", name, env);
            return;
        }
        System.setProperty(name, value);
    }
}
