package io.homepot.appliance.ai.report;

import java.util.ArrayList;
import java.util.List;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.ai.AiContext;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.mail.Mailer;
import io.homepot.appliance.schedule.JobScheduler;
import io.homepot.appliance.scoring.ScoringBus;
import io.homepot.appliance.status.StatusContributor;
import jakarta.json.JsonObject;

/**
 * Wires reports into a running {@link Appliance}: {@link ReportService} on the AI service's context (its
 * fact-sheet builder, recommender and narrator), {@link ReportApi} at {@code /api/ai}, the scheduled site
 * reports ({@link JobScheduler} on the AI clock), optional mail delivery, a {@code reports} section in
 * {@code /api/ai/status}, and shutdown. Call {@link #install} before the web server is built, then
 * {@link #start()}; {@link #subscribe(ScoringBus)} adds incident reports on critical anomalies.
 */
public final class ReportModule {
    private final ReportService service;
    private final JobScheduler scheduler;
    private final SiteReportJobs jobs;
    private final Mailer mailer;

    private ReportModule(ReportService service, JobScheduler scheduler, SiteReportJobs jobs, Mailer mailer) {
        this.service = service;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.mailer = mailer;
    }

    /** Builds the module on {@code ctx} and mounts its endpoints and status section on {@code app}. */
    public static ReportModule install(Appliance app, AiContext ctx, ReportConfig config) {
        ReportService service = new ReportService(ctx, config, app.meterRegistry());
        Mailer mailer = config.mail().enabled() ? new Mailer(config.mail(), ctx.facts().clock()) : null;
        if (mailer != null) {
            service.addDelivery(r -> mailer.send(ReportText.subject(r), ReportText.body(r)));
        }
        JobScheduler scheduler = new JobScheduler(ctx.facts().clock(), "homepot-reports-scheduler");
        SiteReportJobs jobs = new SiteReportJobs(service, scheduler, config.schedule());
        ReportModule m = new ReportModule(service, scheduler, jobs, mailer);
        app.addService("/api/ai", new ReportApi(service));
        app.addStatusContributor(m.status());
        // closed last-registered-first: the scheduler stops, then queued background reports finish
        app.onClose(service);
        app.onClose(scheduler);
        return m;
    }

    /** Starts the scheduled site reports (when enabled). */
    public ReportModule start() {
        jobs.start();
        return this;
    }

    /** Incident reports on each live critical anomaly of the scoring engine (when enabled in the config). */
    public ReportModule subscribe(ScoringBus bus) {
        bus.subscribe(new IncidentReportTrigger(service));
        return this;
    }

    public ReportService service() {
        return service;
    }

    public JobScheduler scheduler() {
        return scheduler;
    }

    public SiteReportJobs jobs() {
        return jobs;
    }

    /** The mailer, or {@code null} when mail is disabled. */
    public Mailer mailer() {
        return mailer;
    }

    private StatusContributor status() {
        return new StatusContributor() {
            @Override
            public String name() {
                return "reports";
            }

            @Override
            public JsonObject snapshot() {
                ReportService.Stats s = service.stats();
                List<Object> js = new ArrayList<>();
                for (JobScheduler.JobInfo j : scheduler.jobs()) {
                    js.add(Json.obj().put("name", j.name()).put("schedule", j.schedule()).put("next_run", j.nextRun())
                            .put("last_run", j.lastRun()).put("runs", j.runs()).put("failures", j.failures())
                            .put("last_error", j.lastError()));
                }
                Json.Obj mail = Json.obj().put("enabled", mailer != null);
                if (mailer != null) {
                    Mailer.Stats m = mailer.stats();
                    mail.put("server", m.server()).put("recipients", m.recipients()).put("sent", m.sent())
                            .put("failed", m.failed()).put("last_sent", m.lastSent()).put("last_error", m.lastError());
                }
                return Json.obj().put("stored", s.stored()).put("incident_reports", s.incidentReports())
                        .put("incident_reports_suppressed", s.incidentSuppressed()).put("background_dropped", s.dropped())
                        .put("background_queued", s.queued()).put("modes", service.config().modes().stream().map(x -> x.id()).toList())
                        .put("jobs", js).put("mail", mail).build();
            }
        };
    }
}
