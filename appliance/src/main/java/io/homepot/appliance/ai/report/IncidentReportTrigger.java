package io.homepot.appliance.ai.report;

import io.homepot.appliance.scoring.AnomalyNotice;
import io.homepot.appliance.scoring.ScoringListener;

/**
 * Subscribes reports to the scoring engine: each live (not replayed) critical anomaly queues an incident
 * report of its device ({@link ReportService#onCriticalAnomaly}). Returns at once; the engine's thread never
 * waits for report generation.
 */
public final class IncidentReportTrigger implements ScoringListener {
    private final ReportService service;

    public IncidentReportTrigger(ReportService service) {
        this.service = service;
    }

    @Override
    public void onAnomaly(AnomalyNotice a) {
        if (a.replay() || !"critical".equals(a.severity())) {
            return;
        }
        service.onCriticalAnomaly(new ReportRequest.IncidentRef(a.anomalyId(), a.deviceId(), a.ts(), a.metric(), a.value(),
                a.severity(), a.kind()));
    }
}
