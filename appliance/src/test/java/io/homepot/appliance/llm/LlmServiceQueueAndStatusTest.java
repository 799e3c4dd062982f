package io.homepot.appliance.llm;

import io.homepot.appliance.testing.ollama.OllamaDouble;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounded queue, status probe and fast failure. */
class LlmServiceQueueAndStatusTest {

    private OllamaDouble ollama;
    private LlmService service;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        if (service != null) {
            service.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    @Test
    void fullQueueRejectsWithRetryAfterAndGaugeShowsLength() throws Exception {
        ollama = OllamaDouble.start().latency(Duration.ofMillis(1500)).reply("slow answer");
        service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).queueCapacity(1).build(), registry);
        LlmRequest req = LlmRequest.of("", "q");

        Future<LlmResult> running = pool.submit(() -> service.generate(req));
        awaitTrue(() -> ollama.requests("/api/chat").size() == 1);
        Future<LlmResult> queued = pool.submit(() -> service.generate(req));
        awaitTrue(() -> service.queueLength() == 1);
        assertEquals(1.0, registry.get(LlmMetrics.QUEUE_LENGTH).gauge().value());

        LlmBusyException busy = assertThrows(LlmBusyException.class, () -> service.generate(req));
        assertTrue(busy.retryAfterSeconds() >= 1, "retry after " + busy.retryAfterSeconds());
        assertEquals("llama3.2:3b", busy.model());
        assertEquals(1.0, registry.get(LlmMetrics.REJECTED).counter().count());

        // another model has its own lane
        assertEquals(LlmResult.Status.OK, service.generate(req.withModel("fast")).status());

        assertEquals("slow answer", running.get().text());
        LlmResult second = queued.get();
        assertEquals(LlmResult.Status.OK, second.status());
        assertTrue(second.queueWaitMs() > 500, "queued request waited " + second.queueWaitMs() + " ms");
        assertEquals(0, service.queueLength());
    }

    @Test
    void spikeOfFiftyConcurrentRequestsCompletesWithoutErrorsWhenTheQueueFits() throws Exception {
        ollama = OllamaDouble.start().serializePerModel(true).reply("fine");
        service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).queueCapacity(64).build(), registry);
        List<Future<LlmResult>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(pool.submit(() -> service.generate(LlmRequest.of("", "q"))));
        }
        for (Future<LlmResult> f : all) {
            LlmResult r = f.get();
            assertEquals(LlmResult.Status.OK, r.status(), r.errorDetail());
        }
        assertEquals(50, ollama.requests("/api/chat").size());
        assertEquals(0, service.queueLength());
    }

    @Test
    void statusListsModelsWithSizesAndLoadedModelsAndIsCached() throws Exception {
        ollama = OllamaDouble.start().load("mistral:7b", Duration.ofMinutes(10));
        service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).statusTimeout(Duration.ofSeconds(10)).build(),
                registry);

        LlmStatus s = service.status();

        assertTrue(s.reachable(), s.error());
        assertEquals("running", s.ollamaStatus());
        assertEquals("0.5.1", s.version());
        assertEquals(List.of("llama3.2:3b 2.0GB ready", "mistral:7b 4.1GB loaded", "phi3.5:3.8b 2.2GB ready"),
                s.availableModels().stream().map(m -> m.name() + " " + m.size() + " " + m.status()).toList());
        assertEquals(1, s.loadedModels().size());
        LlmStatus.LoadedModel loaded = s.loadedModels().get(0);
        assertEquals("mistral:7b", loaded.name());
        assertEquals("4.1GB", loaded.size());
        assertNotNull(loaded.expiresAt());

        service.status();
        assertEquals(1, ollama.requests("/api/version").size(), "second call within TTL is served from cache");
    }

    @Test
    void generationLoadsModelVisibleInStatus() throws Exception {
        ollama = OllamaDouble.start();
        service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).statusCacheTtl(Duration.ofMillis(1))
                .statusTimeout(Duration.ofSeconds(10))
                .build(), registry);
        assertTrue(service.status().loadedModels().isEmpty());
        service.generate(LlmRequest.of("", "q").withModel("fast"));
        Thread.sleep(5);
        assertEquals(List.of("phi3.5:3.8b"), service.status().loadedModels().stream()
                .map(LlmStatus.LoadedModel::name).toList());
    }

    @Test
    void unreachablePortIsUnavailableFastThenFailsFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        service = new LlmService(LlmConfig.builder().url("http://127.0.0.1:" + port).build(), registry);

        long t0 = System.nanoTime();
        LlmResult first = service.generate(LlmRequest.of("", "q"));
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(LlmResult.Status.UNAVAILABLE, first.status());
        assertEquals(4, first.attempts(), "connection errors are retried");
        assertTrue(firstMs < 2000, "first failure took " + firstMs + " ms");

        t0 = System.nanoTime();
        LlmResult second = service.generate(LlmRequest.of("", "q"));
        long secondMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(LlmResult.Status.UNAVAILABLE, second.status());
        assertEquals(0, second.attempts());
        assertTrue(secondMs < 50, "fail-fast took " + secondMs + " ms");
        assertTrue(service.failingFast());

        LlmStatus s = service.status();
        assertFalse(s.reachable());
        assertEquals("unavailable", s.ollamaStatus());
        assertNotNull(s.error());
        assertEquals(2.0, registry.get(LlmMetrics.ERRORS).tag("status", "unavailable").counter().count());
    }

    @Test
    void slowStatusProbeReportsDownButDoesNotMakeGenerationsFailFast() throws Exception {
        ollama = OllamaDouble.start().metadataLatency(Duration.ofSeconds(2));
        service = new LlmService(LlmConfig.builder().url(ollama.baseUrl()).statusTimeout(Duration.ofMillis(300))
                .build(), registry);
        long t0 = System.nanoTime();
        LlmStatus s = service.status();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(s.reachable());
        assertEquals("no answer within 300 ms", s.error());
        assertTrue(ms < 1500, "status took " + ms + " ms");
        assertFalse(service.failingFast());
        assertEquals(LlmResult.Status.OK, service.generate(LlmRequest.of("", "q")).status());
    }

    @Test
    void successfulStatusProbeClosesTheGate() throws Exception {
        ollama = OllamaDouble.start();
        int port = ollama.port();
        ollama.close();
        service = new LlmService(LlmConfig.builder().url("http://127.0.0.1:" + port).maxRetries(0)
                .statusCacheTtl(Duration.ofMillis(1)).statusTimeout(Duration.ofSeconds(10)).build(), registry);
        assertEquals(LlmResult.Status.UNAVAILABLE, service.generate(LlmRequest.of("", "q")).status());
        assertTrue(service.failingFast());
        ollama = OllamaDouble.start(port);
        assertTrue(service.status().reachable());
        assertFalse(service.failingFast());
        assertEquals(LlmResult.Status.OK, service.generate(LlmRequest.of("", "q")).status());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
