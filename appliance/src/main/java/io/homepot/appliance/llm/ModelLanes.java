package io.homepot.appliance.llm;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded per-model admission: Ollama generates one request at a time per model, so each model
 * gets a lane with one running slot and at most {@code capacity} waiters. A request arriving at a
 * full lane is rejected with {@link LlmBusyException} carrying a Retry-After estimate computed from
 * the lane's recent generation times.
 */
final class ModelLanes {

    /** Service-time estimate before any generation has been observed. */
    static final long INITIAL_ESTIMATE_MS = 2_000;

    private final int capacity;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    ModelLanes(int capacity) {
        this.capacity = capacity;
    }

    /** A held slot; closing it frees the lane and records the service time. */
    interface Slot extends AutoCloseable {
        /** Milliseconds spent waiting before the slot was granted. */
        long waitedMs();

        @Override
        void close();
    }

    /**
     * Waits for the model's slot.
     *
     * @return the slot, or {@code null} when {@code maxWait} passed first
     * @throws LlmBusyException when {@code capacity} requests are already waiting
     */
    Slot enter(String model, Duration maxWait) throws LlmBusyException, InterruptedException {
        Lane lane = lanes.computeIfAbsent(model, m -> new Lane());
        int occupancy = lane.occupancy.incrementAndGet();
        if (occupancy > capacity + 1) {
            lane.occupancy.decrementAndGet();
            throw new LlmBusyException(model, capacity, lane.retryAfterSeconds(occupancy - 1));
        }
        long start = System.nanoTime();
        lane.waiting.incrementAndGet();
        boolean acquired = false;
        try {
            acquired = lane.running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lane.waiting.decrementAndGet();
            if (!acquired) {
                lane.occupancy.decrementAndGet();
            }
        }
        if (!acquired) {
            return null;
        }
        long granted = System.nanoTime();
        long waited = (granted - start) / 1_000_000;
        return new Slot() {
            private boolean closed;

            @Override
            public long waitedMs() {
                return waited;
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                lane.record((System.nanoTime() - granted) / 1_000_000);
                lane.occupancy.decrementAndGet();
                lane.running.release();
            }
        };
    }

    /** Requests waiting (not generating) over all models. */
    int queueLength() {
        int n = 0;
        for (Lane l : lanes.values()) {
            n += l.waiting.get();
        }
        return n;
    }

    /** Requests waiting or generating over all models. */
    int inFlight() {
        int n = 0;
        for (Lane l : lanes.values()) {
            n += l.occupancy.get();
        }
        return n;
    }

    private static final class Lane {
        final Semaphore running = new Semaphore(1, true);
        final AtomicInteger occupancy = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();
        /** Exponentially weighted mean service time in ms. */
        volatile double meanMs = INITIAL_ESTIMATE_MS;

        synchronized void record(long ms) {
            meanMs = 0.7 * meanMs + 0.3 * Math.max(1, ms);
        }

        long retryAfterSeconds(int ahead) {
            double ms = (ahead + 1) * meanMs;
            return Math.max(1, (long) Math.ceil(ms / 1000.0));
        }
    }
}
