package io.homepot.appliance.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.Appliance;
import io.homepot.appliance.status.StatusContributor;
import io.homepot.appliance.store.Stores;

/**
 * {@code GET /api/ai/status}: version, uptime, data dir, memory, database (status, type, counts) and one
 * section per registered {@link StatusContributor} (e.g. {@code ollama}, {@code index}, {@code demo}).
 */
public final class StatusService implements HttpService {
    private static final Logger LOG = Logger.getLogger(StatusService.class.getName());
    private final Appliance app;

    public StatusService(Appliance app) {
        this.app = app;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest req, ServerResponse res) {
        Json.Obj root = Json.obj().put("status", "ok").put("version", app.version())
                .put("timestamp", app.clock().instant())
                .put("started_at", app.startedAt())
                .put("uptime_seconds", Duration.between(app.startedAt(), app.clock().instant()).getSeconds())
                .put("data_dir", app.config().dataDir().toString())
                .put("memory", memory())
                .put("database", database());
        for (StatusContributor c : app.statusContributors()) {
            try {
                root.put(c.name(), c.snapshot());
                for (Map.Entry<String, Object> e : c.topLevel().entrySet()) {
                    root.put(e.getKey(), e.getValue());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Status contributor " + c.name() + " failed", e);
                root.put(c.name(), Json.obj().put("status", "error").put("error", String.valueOf(e.getMessage())));
            }
        }
        Json.send(res, root.build());
    }

    private Json.Obj database() {
        Json.Obj db = Json.obj().put("type", app.db().kind().label()).put("url", app.db().url())
                .put("timescaledb", app.db().timescale());
        try {
            Stores s = app.stores();
            db.put("status", app.db().ping() ? "up" : "down");
            db.put("counts", Json.obj().put("sites", s.sites().count()).put("device_types", s.deviceTypes().count())
                    .put("devices", s.devices().count()).put("metric_samples", s.samples().count())
                    .put("device_events", s.events().count()).put("ai_anomaly_logs", s.anomalies().count())
                    .put("ai_incident_patterns", s.incidents().count()).put("ai_reports", s.reports().count())
                    .put("users", s.users().count()));
        } catch (RuntimeException e) {
            db.put("status", "down").put("error", String.valueOf(e.getMessage()));
        }
        return db;
    }

    static Json.Obj memory() {
        Runtime rt = Runtime.getRuntime();
        return Json.obj().put("heap_used_bytes", rt.totalMemory() - rt.freeMemory())
                .put("heap_committed_bytes", rt.totalMemory()).put("heap_max_bytes", rt.maxMemory())
                .put("rss_bytes", rssBytes());
    }

    /** Resident set size from /proc (Linux), or null. */
    static Long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }
}
