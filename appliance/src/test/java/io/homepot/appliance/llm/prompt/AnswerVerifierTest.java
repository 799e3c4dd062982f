package io.homepot.appliance.llm.prompt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerVerifierTest {

    private final AnswerVerifier verifier = new AnswerVerifier();
    private final FactSheet facts = Facts.standard();

    @Test
    void groundedAnswerPasses() {
        AnswerVerification v = verifier.verify("""
                Summary: POS-12 is in warning with a health score of 0.42 (42%).
                Findings:
                1. CPU averaged 72.3% and peaked at 97% over the last 24h.
                2. Sensor 1234 hit 85.2 C at 10:30; site uptime is 99.8%.
                3. HVAC-2 is healthy; 1 device is critical and 2 anomalies were logged.
                """, facts);
        assertEquals(List.of("hvac-2", "pos-12", "sensor_1234"), v.devicesMentioned());
        assertEquals(List.of(), v.unknownDevices());
        assertEquals(List.of(), v.unverifiedNumbers());
        assertTrue(v.grounded());
    }

    @Test
    void inventedDevicesAreFlagged() {
        AnswerVerification v = verifier.verify(
                "POS-12 is fine but POS-13 and HVAC-9 are failing; also check Sensor R999 and sensor_7.", facts);
        assertEquals(List.of("POS-13", "HVAC-9", "sensor_7", "Sensor R999"), v.unknownDevices());
        assertEquals(List.of("pos-12"), v.devicesMentioned());
        assertFalse(v.grounded());
    }

    @Test
    void inventedNumbersAreFlaggedRoundingAllowed() {
        AnswerVerification v = verifier.verify(
                "POS-12 health is 0.4 and CPU averaged 72 percent; the failure risk is 87.5% and repair costs $1,200.",
                facts);
        assertEquals(List.of("87.5%", "1,200"), v.unverifiedNumbers());
        assertEquals(List.of(), v.unknownDevices());
    }

    @Test
    void injectedDeviceNameIsAKnownDevice() {
        AnswerVerification v = verifier.verify("The device \"" + Facts.INJECTION + "\" is critical at 0.31.", facts);
        assertEquals(List.of("sensor_1234"), v.devicesMentioned());
        assertTrue(v.grounded(), v.toString());
    }

    @Test
    void numbersFromTheQuestionAreAccepted() {
        assertEquals(List.of("7"), verifier.verify("Building 7 has no data.", facts).unverifiedNumbers());
        assertTrue(verifier.verify("Building 7 has no data.", facts, "What about Building 7?").grounded());
    }
}
