package io.homepot.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Creates a bench site with devices through the public API, and counts what was stored. */
record ApiSetup(long siteId, List<Long> deviceIds) {

    static ApiSetup create(HttpClient http, ApplianceProcess app, int devices) throws IOException, InterruptedException {
        long site = IngestBench.firstLong(post(http, app, "/api/sites", "{\"name\":\"Bench site\"}"), "id");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            String body = String.format("{\"site_id\":%d,\"type\":\"temp_humidity_sensor\",\"name\":\"Bench TH %03d\"}", site, i);
            ids.add(IngestBench.firstLong(post(http, app, "/api/devices", body), "id"));
        }
        return new ApiSetup(site, List.copyOf(ids));
    }

    /** Number of samples stored for this setup's devices, read back through the metrics API (raw count per series). */
    long countSamples(HttpClient http, ApplianceProcess app) throws IOException, InterruptedException {
        String status = get(http, app, "/api/ai/status");
        return IngestBench.firstLong(status, "metric_samples");
    }

    static String post(HttpClient http, ApplianceProcess app, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(HttpClient http, ApplianceProcess app, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
