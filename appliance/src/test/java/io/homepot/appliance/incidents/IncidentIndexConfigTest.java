package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.homepot.appliance.config.ConfigException;
import io.homepot.vectorindex.embed.ModelVariant;
import org.junit.jupiter.api.Test;

class IncidentIndexConfigTest {
    private static final Path DATA = Path.of("/var/lib/homepot");

    private static Config yaml(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("homepot.incidents");
    }

    @Test
    void defaultsLiveUnderTheDataDir() {
        IncidentIndexConfig c = IncidentIndexConfig.load(DATA, Map.of(), yaml(Map.of()));
        assertEquals(ModelVariant.FP32, c.variant());
        assertEquals(DATA.resolve("index"), c.indexDir());
        assertEquals(DATA.resolve("native"), c.nativeDir());
        assertEquals(Duration.ofMinutes(5), c.reconcileEvery());
        assertEquals(1, c.embeddingThreads());
        assertEquals(2, IncidentIndexConfig.load(DATA, Map.of("HOMEPOT_EMBEDDING_THREADS", "2"), yaml(Map.of()))
                .embeddingThreads());
    }

    @Test
    void modelFromEnvironmentWinsOverYaml() {
        Config y = yaml(Map.of("homepot.incidents.embedding-model", "fp32", "homepot.incidents.queue-capacity", "10"));
        assertEquals(ModelVariant.FP32, IncidentIndexConfig.load(DATA, Map.of(), y).variant());
        IncidentIndexConfig c = IncidentIndexConfig.load(DATA, Map.of("HOMEPOT_EMBEDDING_MODEL", "int8"), y);
        assertEquals(ModelVariant.INT8, c.variant());
        assertEquals(10, c.queueCapacity());
        assertEquals(ModelVariant.INT8, IncidentIndexConfig.load(DATA, Map.of(),
                yaml(Map.of("homepot.incidents.embedding-model", "int8"))).variant());
    }

    @Test
    void badValuesNameTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> IncidentIndexConfig.load(DATA,
                Map.of("HOMEPOT_EMBEDDING_MODEL", "fp16"), yaml(Map.of())));
        assertEquals(true, e.getMessage().contains("HOMEPOT_EMBEDDING_MODEL"));
        assertThrows(ConfigException.class, () -> IncidentIndexConfig.load(DATA,
                Map.of("HOMEPOT_INDEX_QUEUE_CAPACITY", "0"), yaml(Map.of())));
        assertThrows(ConfigException.class, () -> IncidentIndexConfig.load(DATA,
                Map.of("HOMEPOT_INDEX_RECONCILE_SECONDS", "soon"), yaml(Map.of())));
    }
}
