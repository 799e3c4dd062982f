package io.homepot.appliance.ai.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import io.homepot.appliance.schedule.JobScheduler;
import io.homepot.appliance.schedule.Schedule;
import io.homepot.appliance.schedule.ScheduleConfig;
import io.homepot.appliance.store.Site;

/**
 * Keeps one daily and one weekly job per site on the {@link JobScheduler}, at the configured times in the
 * site's time zone (or the configured zone). Each run generates the site report in every configured mode
 * and delivers it. Sites added or removed later are picked up by an hourly refresh.
 */
public final class SiteReportJobs {
    private static final Logger LOG = Logger.getLogger(SiteReportJobs.class.getName());
    static final String REFRESH = "reports-refresh-sites";
    private final ReportService service;
    private final JobScheduler scheduler;
    private final ScheduleConfig config;
    private final Set<String> names = new HashSet<>();

    public SiteReportJobs(ReportService service, JobScheduler scheduler, ScheduleConfig config) {
        this.service = service;
        this.scheduler = scheduler;
        this.config = config;
    }

    /** Schedules the jobs of every site and the hourly refresh; no-op when the schedule is disabled. */
    public void start() {
        if (!config.enabled()) {
            return;
        }
        refresh();
        scheduler.schedule(REFRESH, Schedule.every(Duration.ofHours(1)), this::refresh);
    }

    /** (Re)schedules the jobs of the current sites; drops jobs of deleted sites. */
    public synchronized void refresh() {
        List<Site> sites = service.context().stores().sites().list();
        Set<String> wanted = new HashSet<>();
        for (Site s : sites) {
            ZoneId zone = ScheduleConfig.siteZone(s.timezone());
            add(wanted, "report-daily-site-" + s.id(), config.daily(zone), s.id(), ReportType.DAILY);
            add(wanted, "report-weekly-site-" + s.id(), config.weekly(zone), s.id(), ReportType.WEEKLY);
        }
        for (String n : Set.copyOf(names)) {
            if (!wanted.contains(n)) {
                scheduler.cancel(n);
                names.remove(n);
            }
        }
    }

    private void add(Set<String> wanted, String name, Schedule schedule, long siteId, ReportType type) {
        if (schedule == null) {
            return;
        }
        wanted.add(name);
        if (names.add(name) || !scheduler.has(name)) {
            scheduler.schedule(name, schedule, () -> run(siteId, type));
        }
    }

    private void run(long siteId, ReportType type) {
        service.context().stores().sites().get(siteId).ifPresentOrElse(s -> service.scheduledSiteReports(s, type),
                () -> LOG.info("Site " + siteId + " is gone; skipping its " + type.id() + " report"));
    }
}
