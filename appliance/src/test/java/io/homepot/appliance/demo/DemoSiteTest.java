package io.homepot.appliance.demo;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.config.DbConfig;
import io.homepot.appliance.config.DemoConfig;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.store.DemoIncident;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.SeriesBucket;
import io.homepot.appliance.testing.RunningAppliance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo site: 30 days seeded, schedule recorded, visible over HTTP, kept (not re-seeded) across a restart. */
class DemoSiteTest {

    @Test
    void signalsAreDeterministicForASeed() {
        DemoSignals.Series s = new DemoSignals.Series(7, "x", "temperature_sensor", "temperature", 21.5, 1.5, 0.15, List.of());
        Instant t = Instant.parse("2026-02-03T04:05:00Z");
        assertEquals(new DemoSignals(42).value(s, t), new DemoSignals(42).value(s, t));
        assertNotEquals(new DemoSignals(42).value(s, t), new DemoSignals(43).value(s, t));
    }

    @Test
    void seedsThirtyDaysStreamsAndSurvivesRestartWithoutReseeding() throws Exception {
        Path dir = Files.createTempDirectory("homepot-demo");
        AppConfig cfg = new AppConfig("127.0.0.1", 0, dir, DbConfig.embedded(), LimitsConfig.defaults(),
                new DemoConfig(true, 42, 30, 0), "http://127.0.0.1:9", false);
        try (RunningAppliance app = RunningAppliance.start(cfg)) {
            long t0 = System.nanoTime();
            DemoSite demo = DemoSite.prepare(app.app());
            long rows = demo.backfill();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("[demo] seeded " + rows + " samples in " + ms + " ms");
            assertTrue(rows >= 30L * 1440 * 40, "rows " + rows);

            long siteId = demo.site().id();
            List<Device> devices = app.app().stores().devices().list(new DeviceQuery(siteId, null, null, null, 1000, 0)).items();
            assertTrue(devices.size() >= 40, "devices " + devices.size());
            Set<String> types = devices.stream().map(Device::typeCode).collect(Collectors.toSet());
            assertTrue(types.size() >= 5, "types " + types);
            assertTrue(devices.stream().allMatch(Device::demo));
            assertTrue(devices.stream().anyMatch(d -> d.name().equals("POS-12")));

            // 30 days of per-minute data on a series
            Device server = devices.stream().filter(d -> d.name().equals("TH Sensor - Server Room")).findFirst().orElseThrow();
            Instant[] span = app.app().stores().samples().span(server.id(), "temperature").orElseThrow();
            assertTrue(Duration.between(span[0], span[1]).toDays() >= 30, "span " + span[0] + ".." + span[1]);

            // the schedule is recorded and the spike is really in the data
            List<DemoIncident> schedule = app.app().stores().demoIncidents().list(siteId);
            Set<String> kinds = schedule.stream().map(DemoIncident::kind).collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("temperature_spike", "cooling_response", "connectivity_flap", "power_dip",
                    "slow_drift", "stuck_sensor", "fan_degradation")), kinds.toString());
            DemoIncident spike = schedule.stream().filter(i -> i.kind().equals("temperature_spike")).findFirst().orElseThrow();
            List<SeriesBucket> during = app.app().stores().samples().downsample(spike.deviceId(), "temperature",
                    spike.startsAt(), spike.endsAt(), 3600 * 24);
            assertTrue(during.stream().mapToDouble(SeriesBucket::max).max().orElseThrow() > 30, during.toString());
            assertTrue(app.app().stores().events().count() > 5);

            // over HTTP: listing, 30 days downsampled hourly, schedule endpoint
            JsonObject list = json(app.get("/api/devices?site=" + siteId + "&limit=100").body());
            assertTrue(list.getInt("total") >= 40);
            long q0 = System.nanoTime();
            JsonObject series = json(app.get("/api/devices/" + server.id() + "/metrics?metric=temperature&from="
                    + span[0] + "&to=" + span[1].plusSeconds(60) + "&step=1h").body());
            System.out.println("[demo] 30 days at step=1h in " + (System.nanoTime() - q0) / 1_000_000 + " ms");
            int points = series.getJsonArray("series").getJsonObject(0).getJsonArray("points").size();
            assertTrue(points >= 30 * 24 && points <= 30 * 24 + 2, "points " + points);
            assertTrue(json(app.get("/api/sites/" + siteId + "/demo-incidents").body()).getJsonArray("items").size() >= 7);

            // live streaming goes through the ingest pipeline
            int streamed = demo.tick();
            assertTrue(streamed >= 0);

            long samplesBefore = app.app().stores().samples().count();
            app.restart();
            DemoSite again = DemoSite.prepare(app.app());
            assertEquals(siteId, again.site().id(), "same demo site after restart");
            assertEquals(1, app.app().stores().sites().list().stream().filter(s -> s.demo()).count());
            assertEquals(samplesBefore, app.app().stores().samples().count(), "data kept across restart");
            long gap = again.backfill();
            assertTrue(gap <= 57L * 3, "only the restart gap is filled, got " + gap);
            assertEquals(devices.size(), app.app().stores().devices().list(new DeviceQuery(siteId, null, null, null, 1000, 0))
                    .total());
        } finally {
            RunningAppliance.deleteTree(dir);
        }
    }

    @Test
    void demoIsMarkedAndRemovable() throws Exception {
        Path dir = Files.createTempDirectory("homepot-demo-rm");
        AppConfig cfg = new AppConfig("127.0.0.1", 0, dir, DbConfig.embedded(), LimitsConfig.defaults(),
                new DemoConfig(true, 7, 1, 0), "http://127.0.0.1:9", false);
        try (RunningAppliance app = RunningAppliance.start(cfg)) {
            DemoSite demo = DemoSite.prepare(app.app());
            assertTrue(demo.backfill() >= 1440L * 40);
            long rows = app.app().stores().samples().count();
            app.restart();                                           // same data dir: kept, not seeded twice
            DemoSite again = DemoSite.prepare(app.app());
            assertEquals(demo.site().id(), again.site().id());
            assertEquals(rows, app.app().stores().samples().count());
            assertEquals(1, app.app().stores().sites().list().size());
            long userSite = app.app().stores().sites().create("Customer site", null, "UTC", false).id();
            assertTrue(app.app().stores().sites().get(demo.site().id()).orElseThrow().demo());
            assertEquals(204, app.delete("/api/sites/" + demo.site().id()).statusCode());
            assertEquals(0, app.app().stores().devices().count());
            assertEquals(0, app.app().stores().samples().count());
            assertTrue(app.app().stores().sites().get(userSite).isPresent(), "non-demo data untouched");
            assertTrue(!DemoSite.remove(app.app()), "nothing left to remove");
        } finally {
            RunningAppliance.deleteTree(dir);
        }
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }
}
