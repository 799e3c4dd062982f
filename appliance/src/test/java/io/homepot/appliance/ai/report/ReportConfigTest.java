package io.homepot.appliance.ai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import org.junit.jupiter.api.Test;

/** application.yaml defaults, environment overrides and validation of the report settings. */
class ReportConfigTest {

    @Test
    void yamlDefaults() {
        ReportConfig c = ReportConfig.load(Map.of());
        assertEquals(List.of(AnalysisMode.MAINTENANCE), c.modes());
        assertTrue(c.incidentReports());
        assertEquals(Duration.ofMinutes(30), c.incidentCooldown());
        assertTrue(c.schedule().enabled());
        assertEquals(LocalTime.of(6, 0), c.schedule().dailyAt());
        assertEquals(DayOfWeek.MONDAY, c.schedule().weeklyOn());
        assertNull(c.schedule().zone(), "site time");
        assertFalse(c.mail().enabled());
        assertEquals(ReportConfig.defaults(), c);
    }

    @Test
    void environmentOverrides() {
        ReportConfig c = ReportConfig.load(Map.of("HOMEPOT_REPORTS_MODES", "executive, predictive",
                "HOMEPOT_REPORTS_DAILY_AT", "07:30", "HOMEPOT_REPORTS_WEEKLY_AT", "off", "HOMEPOT_REPORTS_TIMEZONE", "Europe/Berlin",
                "HOMEPOT_SMTP_ENABLED", "true", "HOMEPOT_SMTP_HOST", "relay.lan", "HOMEPOT_SMTP_PORT", "2525",
                "HOMEPOT_REPORT_RECIPIENTS", "tech@site.example; boss@site.example", "HOMEPOT_REPORTS_INCIDENT", "false"));
        assertEquals(List.of(AnalysisMode.EXECUTIVE, AnalysisMode.PREDICTIVE), c.modes());
        assertEquals(LocalTime.of(7, 30), c.schedule().dailyAt());
        assertNull(c.schedule().weeklyOn());
        assertEquals(ZoneId.of("Europe/Berlin"), c.schedule().zone());
        assertTrue(c.mail().enabled());
        assertEquals("relay.lan", c.mail().host());
        assertEquals(2525, c.mail().port());
        assertEquals(List.of("tech@site.example", "boss@site.example"), c.mail().recipients());
        assertFalse(c.incidentReports());
    }

    @Test
    void invalidValuesNameTheKey() {
        for (var bad : List.of(Map.of("HOMEPOT_REPORTS_DAILY_AT", "six"), Map.of("HOMEPOT_REPORTS_WEEKLY_AT", "SOMEDAY 06:00"),
                Map.of("HOMEPOT_REPORTS_MODES", "poetic"), Map.of("HOMEPOT_SMTP_PORT", "99999"),
                Map.of("HOMEPOT_SMTP_ENABLED", "true"), Map.of("HOMEPOT_REPORTS_TIMEZONE", "Nowhere/City"),
                Map.of("HOMEPOT_REPORTS_INCIDENT_COOLDOWN_MINUTES", "soon"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> ReportConfig.load(bad), bad.toString());
            String var = bad.keySet().iterator().next();
            assertTrue(e.getMessage().contains(var) || e.getMessage().contains("HOMEPOT_SMTP_HOST"), e.getMessage());
        }
    }
}
