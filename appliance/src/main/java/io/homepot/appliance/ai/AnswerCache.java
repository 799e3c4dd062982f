package io.homepot.appliance.ai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.json.JsonObject;

/**
 * LRU cache of AI responses keyed by (endpoint, question/parameters, mode, model, data version), with a
 * per-entry TTL: the configured TTL (seed: 300 s) for answers the LLM wrote, at most
 * {@link #DEGRADED_TTL} for deterministic ones so a returning Ollama is used quickly. Hit/miss counters
 * {@code homepot.ai.cache.requests{result=hit|miss}} and the gauge {@code homepot.ai.cache.size}.
 */
public final class AnswerCache {
    /** Longest reuse of a degraded answer. */
    public static final Duration DEGRADED_TTL = Duration.ofSeconds(10);

    private record Slot(JsonObject value, long expiresAtNanos) {
    }

    private final Duration ttl;
    private final int max;
    private final LongSupplier nanos;
    private final Map<String, Slot> map;
    private final Counter hits;
    private final Counter misses;

    public AnswerCache(Duration ttl, int max, MeterRegistry registry) {
        this(ttl, max, registry, System::nanoTime);
    }

    AnswerCache(Duration ttl, int max, MeterRegistry registry, LongSupplier nanos) {
        this.ttl = ttl;
        this.max = max;
        this.nanos = nanos;
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                return size() > AnswerCache.this.max;
            }
        };
        this.hits = Counter.builder("homepot.ai.cache.requests").tag("result", "hit")
                .description("AI answers served from the cache").register(registry);
        this.misses = Counter.builder("homepot.ai.cache.requests").tag("result", "miss")
                .description("AI answers computed").register(registry);
        Gauge.builder("homepot.ai.cache.size", this, AnswerCache::size).register(registry);
    }

    /** The cached value, or {@code null} (counts a hit or a miss). */
    public JsonObject get(String key) {
        Slot e;
        synchronized (this) {
            e = map.get(key);
            if (e != null && nanos.getAsLong() - e.expiresAtNanos() >= 0) {
                map.remove(key);
                e = null;
            }
        }
        (e == null ? misses : hits).increment();
        return e == null ? null : e.value();
    }

    /** Stores {@code value}; {@code degraded} answers expire after at most {@link #DEGRADED_TTL}. */
    public void put(String key, JsonObject value, boolean degraded) {
        if (max <= 0 || ttl.isZero()) {
            return;
        }
        Duration d = degraded && DEGRADED_TTL.compareTo(ttl) < 0 ? DEGRADED_TTL : ttl;
        synchronized (this) {
            map.put(key, new Slot(value, nanos.getAsLong() + d.toNanos()));
        }
    }

    public synchronized int size() {
        return map.size();
    }

    public double hitCount() {
        return hits.count();
    }

    public double missCount() {
        return misses.count();
    }

    public synchronized void clear() {
        map.clear();
    }
}
