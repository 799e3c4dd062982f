package io.homepot.appliance.ai.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.mail.MailConfig;
import io.homepot.appliance.schedule.ScheduleConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler fires the configured daily (06:00) and weekly (today, 06:00) site reports when the injected
 * clock reaches 06:00 site time (the clock is moved to two seconds before it, so the schedule is "shortened"
 * to seconds without changing its definition); the reports are stored in every configured mode and mailed
 * through a real SMTP server (GreenMail) with the report title in the subject.
 */
class ReportScheduleAndMailTest {

    @Test
    void dailyAndWeeklySiteReportsFireAtSixAndAreMailed(@TempDir Path dir) throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        ShiftableClock clock = new ShiftableClock();
        Instant now = Instant.now();
        ZonedDateTime sixToday = now.atZone(ZoneOffset.UTC).with(LocalTime.of(6, 0));
        ZonedDateTime six = Duration.between(now, sixToday.toInstant()).abs().compareTo(Duration.ofHours(12)) <= 0 ? sixToday
                : sixToday.toInstant().isBefore(now) ? sixToday.plusDays(1) : sixToday.minusDays(1);
        ScheduleConfig schedule = new ScheduleConfig(true, LocalTime.of(6, 0), six.getDayOfWeek(), LocalTime.of(6, 0), null);
        MailConfig mail = new MailConfig(true, "127.0.0.1", smtp.getSmtp().getPort(), "homepot@site.example",
                List.of("tech@site.example", "manager@site.example"), Duration.ofSeconds(5));
        ReportConfig cfg = ReportConfig.defaults().withSchedule(schedule).withMail(mail)
                .withModes(List.of(AnalysisMode.MAINTENANCE, AnalysisMode.EXECUTIVE)).withIncidents(false, Duration.ZERO);
        clock.shiftTo(six.toInstant().minus(Duration.ofHours(1)));
        try (ReportFixture t = new ReportFixture(dir, ReportFixture.closedPort(), clock, cfg, AiConfig.defaults())) {
            clock.shiftTo(six.toInstant().minusSeconds(2));
            t.reports.start();
            JsonObject status = t.get("/api/ai/status").json().getJsonObject("reports");
            assertTrue(status.getJsonArray("jobs").stream().anyMatch(j -> j.asJsonObject().getString("name")
                    .equals("report-daily-site-" + t.siteId) && j.asJsonObject().getString("next_run").equals(six.toInstant().toString())),
                    status.toString());
            assertEquals(0, t.get("/api/ai/reports?site=" + t.siteId).json().getInt("count"), "nothing before 06:00");

            List<JsonObject> stored = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                stored = t.get("/api/ai/reports?site=" + t.siteId + "&scope=site").json().getJsonArray("reports").stream()
                        .map(JsonValue::asJsonObject).toList();
                if (stored.size() >= 4 && smtp.getReceivedMessages().length >= 8) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(4, stored.size(), stored.toString());
            Set<String> kinds = stored.stream().map(r -> r.getString("report_type") + "/" + r.getString("mode")).collect(Collectors.toSet());
            assertEquals(Set.of("daily/maintenance", "daily/executive", "weekly/maintenance", "weekly/executive"), kinds);
            assertTrue(stored.stream().allMatch(r -> "schedule".equals(r.getString("trigger"))));
            for (JsonObject r : stored) {
                JsonObject full = t.get("/api/ai/reports/" + r.getJsonNumber("report_id").longValue()).json();
                assertEquals(r.getString("report_type").equals("daily") ? "24h" : "7d",
                        full.getJsonObject("content").getJsonObject("period").getString("label"));
                assertTrue(!Instant.parse(full.getString("generated_at")).isBefore(six.toInstant()), full.getString("generated_at"));
            }

            MimeMessage[] received = smtp.getReceivedMessages();
            assertEquals(8, received.length, "4 reports x 2 recipients");
            Set<String> subjects = java.util.Arrays.stream(received).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            Set<String> titles = stored.stream().map(r -> "[HOMEPOT] " + r.getString("title")).collect(Collectors.toSet());
            assertEquals(titles, subjects);
            assertTrue(subjects.contains("[HOMEPOT] Daily Site Report - Building A"), subjects.toString());
            MimeMessage m = received[0];
            assertEquals("homepot@site.example", m.getFrom()[0].toString());
            assertEquals(2, m.getRecipients(Message.RecipientType.TO).length);
            String body = ((String) m.getContent());
            assertTrue(body.contains("Key metrics:") && body.contains("Recommendations:") && body.contains("Cost impact: not configured"),
                    body);
            assertTrue(body.contains("deterministic narrator"), body);

            JsonObject after = t.get("/api/ai/status").json().getJsonObject("reports");
            JsonObject daily = after.getJsonArray("jobs").stream().map(JsonValue::asJsonObject)
                    .filter(j -> j.getString("name").equals("report-daily-site-" + t.siteId)).findFirst().orElseThrow();
            assertEquals(1, daily.getInt("runs"));
            assertEquals(six.plusDays(1).toInstant().toString(), daily.getString("next_run"), "re-armed for tomorrow 06:00");
            assertEquals(4, after.getJsonObject("mail").getInt("sent"));
        } finally {
            smtp.stop();
        }
    }
}
