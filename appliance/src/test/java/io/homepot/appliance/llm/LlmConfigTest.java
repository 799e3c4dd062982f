package io.homepot.appliance.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LlmConfigTest {

    @Test
    void defaultsFollowTheSeed() {
        LlmConfig c = LlmConfig.defaults();
        assertEquals("http://localhost:11434", c.url().toString());
        assertEquals("llama3.2:3b", c.defaultModel());
        assertEquals("phi3.5:3.8b", c.resolveModel("fast"));
        assertEquals("llama3.2:3b", c.resolveModel("balanced"));
        assertEquals("mistral:7b", c.resolveModel("ACCURATE"));
        assertEquals("llama3.2:3b", c.resolveModel(null));
        assertEquals("gemma:2b", c.resolveModel(" gemma:2b "));
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertEquals(3, c.maxRetries());
        assertEquals("10m", c.keepAlive());
    }

    @Test
    void envUrlIsHonouredAndTrailingSlashDropped() {
        assertEquals("http://10.0.0.5:11434",
                LlmConfig.fromEnvAndDefaults(Map.of("OLLAMA_URL", "http://10.0.0.5:11434/")).url().toString());
        assertEquals("http://localhost:11434", LlmConfig.fromEnvAndDefaults(Map.of("OLLAMA_URL", " ")).url().toString());
        assertEquals("http://localhost:11434", LlmConfig.fromEnvAndDefaults(Map.of()).url().toString());
    }

    @Test
    void invalidValuesGivePreciseMessages() {
        assertMessage("llm.url must be an absolute http(s) URL with a host, got 'ftp://x'",
                () -> LlmConfig.builder().url("ftp://x").build());
        assertMessage("llm.timeout must be positive, got PT0S",
                () -> LlmConfig.builder().timeout(Duration.ZERO).build());
        assertMessage("llm.max_retries must be between 0 and 10, got -1",
                () -> LlmConfig.builder().maxRetries(-1).build());
        assertMessage("llm.queue_capacity must be between 1 and 10000, got 0",
                () -> LlmConfig.builder().queueCapacity(0).build());
        assertMessage("llm.models.fast must name a model such as \"llama3.2:3b\", got ' '",
                () -> LlmConfig.builder().fastModel(" ").build());
        assertMessage("llm.keep_alive must be a number of seconds or a duration like \"10m\", \"1h30m\", \"-1\","
                + " got 'ten minutes'", () -> LlmConfig.builder().keepAlive("ten minutes").build());
        LlmConfig.builder().keepAlive("1h30m").build();
        LlmConfig.builder().keepAlive("-1").build();
        LlmConfig.builder().keepAlive("0").build();
    }

    @Test
    void badEnvUrlNamesTheVariable() {
        assertMessage("OLLAMA_URL is not a valid URL: 'http://bad host'",
                () -> LlmConfig.fromEnvAndDefaults(Map.of("OLLAMA_URL", "http://bad host")));
    }

    private static void assertMessage(String expected, Runnable r) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }
}
