package io.homepot.appliance.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The fail-fast gate: cooldown, then one trial at a time until Ollama is reached or found unreachable again. */
class ReachabilityGateTest {

    @Test
    void afterTheCooldownOneCallerAtATimeTriesOllama() throws InterruptedException {
        ReachabilityGate gate = new ReachabilityGate(Duration.ofMillis(200));
        assertEquals(ReachabilityGate.Admission.PASS, gate.admit());
        gate.markUnreachable();
        assertTrue(gate.failFast());
        assertEquals(ReachabilityGate.Admission.FAIL_FAST, gate.admit());
        Thread.sleep(300); // cooldown over, no probe news
        assertFalse(gate.failFast());
        assertEquals(ReachabilityGate.Admission.TRIAL, gate.admit());
        assertEquals(ReachabilityGate.Admission.FAIL_FAST, gate.admit(), "a second caller waits for the trial");
        gate.endTrial(); // the trial ended without news (e.g. a timeout): the next caller tries
        assertEquals(ReachabilityGate.Admission.TRIAL, gate.admit());
        gate.markUnreachable(); // the trial found it down: a new cooldown
        gate.endTrial();
        assertEquals(ReachabilityGate.Admission.FAIL_FAST, gate.admit());
        gate.markReachable();
        assertEquals(ReachabilityGate.Admission.PASS, gate.admit());
        assertEquals(ReachabilityGate.Admission.PASS, gate.admit());
    }
}
