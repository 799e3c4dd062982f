package io.homepot.vectorindex.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link Embedder} that remembers the vectors of the last {@code capacity} texts passed to {@link #embed(String)}
 * (least recently used first out). Single-text calls are search queries, and the same query text recurs (the same
 * device state asked about by several users); {@link #embedAll(List)} is bulk indexing, whose texts are embedded
 * once, so it goes straight to the model and is not cached.
 *
 * <p>Same contract as the wrapped embedder: every caller gets its own copy of the vector. Closing closes the wrapped
 * embedder.</p>
 */
public final class CachingEmbedder implements Embedder {
    private final Embedder delegate;
    private final int capacity;
    private final Map<String, float[]> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile boolean closed;

    public CachingEmbedder(Embedder delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.delegate = delegate;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > CachingEmbedder.this.capacity;
            }
        };
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public float[] embed(String text) {
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
        String key = text == null ? "" : text;
        float[] v;
        synchronized (cache) {
            v = cache.get(key);
        }
        if (v != null) {
            hits.incrementAndGet();
            return v.clone();
        }
        misses.incrementAndGet();
        v = delegate.embed(key); // outside the lock: concurrent misses run on the model in parallel
        synchronized (cache) {
            cache.put(key, v);
        }
        return v.clone();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return delegate.embedAll(texts);
    }

    /** Single-text calls answered from the cache since start. */
    public long hits() {
        return hits.get();
    }

    /** Single-text calls that ran the model since start. */
    public long misses() {
        return misses.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (cache) {
            cache.clear();
        }
        delegate.close();
    }
}
