package io.homepot.appliance.ai.report;

import java.time.Instant;
import java.util.Objects;

import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.llm.prompt.AnalysisMode;

/**
 * One report to generate.
 *
 * @param siteId   site of a site report ({@code null} for a device report)
 * @param deviceId device of a device report ({@code null} for a site report)
 * @param type     report type
 * @param range    observation window
 * @param mode     analysis mode (audience of the narrative)
 * @param model    requested model or alias, {@code null} = default
 * @param trigger  what asked for it: {@code api}, {@code schedule}, {@code anomaly}
 * @param incident the anomaly an incident report is about, or {@code null} (then the latest critical one in the window)
 * @param deliver  send it to the configured mail recipients
 */
public record ReportRequest(Long siteId, Long deviceId, ReportType type, TimeRange range, AnalysisMode mode, String model,
                            String trigger, IncidentRef incident, boolean deliver) {

    public static final String API = "api";
    public static final String SCHEDULE = "schedule";
    public static final String ANOMALY = "anomaly";

    public ReportRequest {
        if ((siteId == null) == (deviceId == null)) {
            throw new IllegalArgumentException("a report is about either a site or a device");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(mode, "mode");
        trigger = trigger == null ? API : trigger;
    }

    public boolean siteReport() {
        return siteId != null;
    }

    /**
     * The anomaly behind an incident report (from the scoring engine's notice).
     *
     * @param anomalyId {@code ai_anomaly_logs} id
     * @param value     observed value, or {@code null}
     */
    public record IncidentRef(long anomalyId, long deviceId, Instant at, String metric, Double value, String severity,
                              String kind) {
    }
}
