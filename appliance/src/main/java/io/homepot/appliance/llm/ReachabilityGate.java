package io.homepot.appliance.llm;

import java.time.Duration;

/**
 * Circuit-breaker-ish fast fail: after Ollama was found unreachable, generations fail immediately
 * for {@code cooldown} instead of paying connect attempts and retry backoff again, so degraded
 * answers stay well under 2 s. A successful call or status probe closes the gate early.
 */
final class ReachabilityGate {

    private final long cooldownNanos;
    private volatile long unreachableSince = Long.MIN_VALUE;
    private volatile boolean open;

    ReachabilityGate(Duration cooldown) {
        this.cooldownNanos = cooldown.toNanos();
    }

    void markUnreachable() {
        unreachableSince = System.nanoTime();
        open = cooldownNanos > 0;
    }

    void markReachable() {
        open = false;
    }

    /** True while within the cooldown after a failure. */
    boolean failFast() {
        return open && System.nanoTime() - unreachableSince < cooldownNanos;
    }

    /** Milliseconds since the last connection failure, or -1 if none while open. */
    long msSinceFailure() {
        return open ? (System.nanoTime() - unreachableSince) / 1_000_000 : -1;
    }
}
