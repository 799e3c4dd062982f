package io.homepot.appliance.llm.prompt;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisModeTest {

    @Test
    void parseDefaultsToMaintenanceAndRejectsUnknown() {
        assertSame(AnalysisMode.MAINTENANCE, AnalysisMode.parse(null));
        assertSame(AnalysisMode.MAINTENANCE, AnalysisMode.parse(" "));
        assertSame(AnalysisMode.PREDICTIVE, AnalysisMode.parse("Predictive"));
        assertSame(AnalysisMode.EXECUTIVE, AnalysisMode.parse("executive"));
        assertEquals("mode must be one of maintenance, predictive, executive; got 'ceo'",
                assertThrows(IllegalArgumentException.class, () -> AnalysisMode.parse("ceo")).getMessage());
    }

    @Test
    void eachModeHasItsAudienceStructureAndSharedRules() {
        assertEquals(3, Set.of(AnalysisMode.MAINTENANCE.systemPrompt(), AnalysisMode.PREDICTIVE.systemPrompt(),
                AnalysisMode.EXECUTIVE.systemPrompt()).size());
        for (AnalysisMode m : AnalysisMode.values()) {
            String p = m.systemPrompt();
            assertTrue(p.startsWith(AnalysisMode.GroundingRules.TEXT), m + " starts with the shared rules");
            assertTrue(p.contains("Audience: " + m.audience()), p);
            assertTrue(p.contains("Mode: " + m.id() + "."), p);
            m.outputSections().forEach(s -> assertTrue(p.contains(s)));
            assertSame(p, m.systemPrompt());
        }
        assertTrue(AnalysisMode.MAINTENANCE.audience().contains("technicians"));
        assertTrue(AnalysisMode.PREDICTIVE.systemPrompt().contains("risk score"));
        assertTrue(AnalysisMode.EXECUTIVE.systemPrompt().contains("uptime"));
        assertTrue(AnalysisMode.MAINTENANCE.systemPrompt().length() < 2000);
    }
}
