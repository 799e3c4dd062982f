package io.homepot.appliance.llm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Circuit-breaker-ish fast fail: after Ollama was found unreachable, generations fail immediately
 * for {@code cooldown} instead of paying connect attempts and retry backoff again, so degraded
 * answers stay well under 2 s. A successful call or status probe closes the gate early; the background
 * status probe normally re-marks it before the cooldown ends. When the cooldown has passed without news (a
 * late probe), one generation at a time is let through as a trial ({@link Admission#TRIAL}) while the others
 * keep failing fast, so a lapse costs one request a connection attempt, not every request that arrives.
 */
final class ReachabilityGate {

    /** What a generation may do. */
    enum Admission {
        /** Ollama is not known to be unreachable: call it. */
        PASS,
        /** The cooldown has passed and this caller tries Ollama for everyone; it must call {@link #endTrial()}. */
        TRIAL,
        /** Fail fast: unreachable within the cooldown, or another caller's trial is in flight. */
        FAIL_FAST
    }

    private final long cooldownNanos;
    private final AtomicBoolean trial = new AtomicBoolean();
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

    /** Whether {@link #admit()} would answer {@link Admission#FAIL_FAST}, without taking the trial. */
    boolean wouldFailFast() {
        return open && (failFast() || trial.get());
    }

    /** Whether a generation may call Ollama now. */
    Admission admit() {
        if (!open) {
            return Admission.PASS;
        }
        if (failFast()) {
            return Admission.FAIL_FAST;
        }
        return trial.compareAndSet(false, true) ? Admission.TRIAL : Admission.FAIL_FAST;
    }

    /** Ends the trial of the caller that got {@link Admission#TRIAL} (whatever its outcome). */
    void endTrial() {
        trial.set(false);
    }

    /** Milliseconds since the last connection failure, or -1 if none while open. */
    long msSinceFailure() {
        return open ? (System.nanoTime() - unreachableSince) / 1_000_000 : -1;
    }
}
