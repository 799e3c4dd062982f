package io.homepot.appliance.ai.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.config.Settings;
import io.homepot.appliance.llm.prompt.AnalysisMode;
import io.homepot.appliance.mail.MailConfig;
import io.homepot.appliance.schedule.ScheduleConfig;

/**
 * Report settings: which modes scheduled and incident reports are written in, incident reports on
 * critical anomalies, the schedule and optional mail delivery. Read once ({@link #load}) from
 * {@code application.yaml} ({@code homepot.reports.*}) with environment overrides, validated here.
 *
 * <table>
 * <caption>Keys (environment variable wins)</caption>
 * <tr><td>homepot.reports.modes / HOMEPOT_REPORTS_MODES</td><td>modes of scheduled and incident reports, comma-separated
 * (default {@code maintenance})</td></tr>
 * <tr><td>homepot.reports.incident.enabled / HOMEPOT_REPORTS_INCIDENT</td><td>a device report on each live critical anomaly
 * (default true)</td></tr>
 * <tr><td>homepot.reports.incident.cooldown-minutes / HOMEPOT_REPORTS_INCIDENT_COOLDOWN_MINUTES</td><td>at most one incident
 * report per device in this time (default 30)</td></tr>
 * <tr><td>homepot.reports.schedule.enabled / HOMEPOT_REPORTS_SCHEDULE</td><td>scheduled site reports (default true)</td></tr>
 * <tr><td>homepot.reports.schedule.daily / HOMEPOT_REPORTS_DAILY_AT</td><td>{@code 06:00}, or {@code off}</td></tr>
 * <tr><td>homepot.reports.schedule.weekly / HOMEPOT_REPORTS_WEEKLY_AT</td><td>{@code MON 06:00}, or {@code off}</td></tr>
 * <tr><td>homepot.reports.schedule.timezone / HOMEPOT_REPORTS_TIMEZONE</td><td>zone of those times; empty = each site's own
 * time zone</td></tr>
 * <tr><td>homepot.reports.mail.enabled / HOMEPOT_SMTP_ENABLED</td><td>mail scheduled and incident reports (default false)</td></tr>
 * <tr><td>homepot.reports.mail.host / HOMEPOT_SMTP_HOST, .port / HOMEPOT_SMTP_PORT (25), .from / HOMEPOT_SMTP_FROM,
 * .recipients / HOMEPOT_REPORT_RECIPIENTS (comma-separated), .timeout-seconds / HOMEPOT_SMTP_TIMEOUT_SECONDS (10)</td>
 * <td>SMTP relay</td></tr>
 * </table>
 * Costs come from the AI service's unit costs ({@code HOMEPOT_AI_COST_*}); without them {@code cost_impact}
 * is {@code "not configured"}.
 *
 * @param modes            modes of scheduled and incident reports (at least one)
 * @param incidentReports  generate a device report on each live critical anomaly
 * @param incidentCooldown minimum time between two incident reports of one device
 * @param schedule         scheduled site reports
 * @param mail             mail delivery
 */
public record ReportConfig(List<AnalysisMode> modes, boolean incidentReports, Duration incidentCooldown,
                           ScheduleConfig schedule, MailConfig mail) {

    public ReportConfig {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("homepot.reports.modes (HOMEPOT_REPORTS_MODES) must name at least one mode");
        }
        if (incidentCooldown == null || incidentCooldown.isNegative()) {
            throw new IllegalArgumentException("homepot.reports.incident.cooldown-minutes must be >= 0");
        }
        if (schedule == null || mail == null) {
            throw new IllegalArgumentException("schedule and mail settings are required");
        }
    }

    /** Maintenance mode, incident reports with a 30-minute cooldown, daily 06:00 and Monday 06:00 site time, no mail. */
    public static ReportConfig defaults() {
        return new ReportConfig(List.of(AnalysisMode.MAINTENANCE), true, Duration.ofMinutes(30), ScheduleConfig.defaults(),
                MailConfig.disabled());
    }

    public ReportConfig withSchedule(ScheduleConfig s) {
        return new ReportConfig(modes, incidentReports, incidentCooldown, s, mail);
    }

    public ReportConfig withMail(MailConfig m) {
        return new ReportConfig(modes, incidentReports, incidentCooldown, schedule, m);
    }

    public ReportConfig withModes(List<AnalysisMode> m) {
        return new ReportConfig(m, incidentReports, incidentCooldown, schedule, mail);
    }

    public ReportConfig withIncidents(boolean on, Duration cooldown) {
        return new ReportConfig(modes, on, cooldown, schedule, mail);
    }

    /** Reads {@code application.yaml} from the class path, then applies {@code env}. */
    public static ReportConfig load(Map<String, String> env) {
        return load(Settings.of("homepot.reports", env).node(), env);
    }

    /**
     * Reads the {@code homepot.reports} node, then applies {@code env}.
     *
     * @throws ConfigException naming the key and variable of an invalid value
     */
    public static ReportConfig load(Config reports, Map<String, String> env) {
        try {
            return read(reports, env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static ReportConfig read(Config reports, Map<String, String> env) {
        Settings s = new Settings(reports, env, "homepot.reports");
        List<AnalysisMode> modes = new ArrayList<>();
        for (String m : s.str("modes", "HOMEPOT_REPORTS_MODES", "maintenance").split(",")) {
            if (!m.isBlank()) {
                try {
                    modes.add(AnalysisMode.parse(m.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("homepot.reports.modes (HOMEPOT_REPORTS_MODES): " + e.getMessage(), e);
                }
            }
        }
        ScheduleConfig.Weekly weekly = ScheduleConfig.parseWeekly("homepot.reports.schedule.weekly (HOMEPOT_REPORTS_WEEKLY_AT)",
                s.str("schedule.weekly", "HOMEPOT_REPORTS_WEEKLY_AT", "MON 06:00"));
        ScheduleConfig schedule = new ScheduleConfig(s.bool("schedule.enabled", "HOMEPOT_REPORTS_SCHEDULE", true),
                ScheduleConfig.parseTime("homepot.reports.schedule.daily (HOMEPOT_REPORTS_DAILY_AT)",
                        s.str("schedule.daily", "HOMEPOT_REPORTS_DAILY_AT", "06:00")),
                weekly == null ? null : weekly.day(), weekly == null ? null : weekly.at(),
                ScheduleConfig.parseZone("homepot.reports.schedule.timezone (HOMEPOT_REPORTS_TIMEZONE)",
                        s.str("schedule.timezone", "HOMEPOT_REPORTS_TIMEZONE", "")));
        MailConfig mail = new MailConfig(s.bool("mail.enabled", "HOMEPOT_SMTP_ENABLED", false),
                s.str("mail.host", "HOMEPOT_SMTP_HOST", ""),
                s.integer("mail.port", "HOMEPOT_SMTP_PORT", 25),
                s.str("mail.from", "HOMEPOT_SMTP_FROM", "homepot@localhost"),
                MailConfig.parseRecipients(s.str("mail.recipients", "HOMEPOT_REPORT_RECIPIENTS", "")),
                Duration.ofSeconds(s.num("mail.timeout-seconds", "HOMEPOT_SMTP_TIMEOUT_SECONDS", 10)));
        return new ReportConfig(modes, s.bool("incident.enabled", "HOMEPOT_REPORTS_INCIDENT", true),
                Duration.ofMinutes(s.num("incident.cooldown-minutes", "HOMEPOT_REPORTS_INCIDENT_COOLDOWN_MINUTES", 30)),
                schedule, mail);
    }

}
