package io.homepot.appliance.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.config.AppConfig;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.Event;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.NewDevice;
import io.homepot.appliance.store.Sample;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several batches that arrived together (MQTT): each validated alone, the valid ones in one transaction. */
class IngestPipelineTest {

    @Test
    void aBadBatchAmongGoodOnesIsRejectedAloneAndTheOthersAreStoredTogether(@TempDir Path dir) {
        try (Appliance app = Appliance.open(AppConfig.forTests(dir), Clock.systemUTC())) {
            Site s = app.stores().sites().create("Building P", null, "UTC", false);
            DeviceType t = app.stores().deviceTypes().ensure("temp_sensor_p", "Temperature sensor", null,
                    List.of(new MetricDefinition("temperature", "°C", 18.0, 27.0, Thresholds.NONE)));
            app.stores().devices().create(new NewDevice(s.id(), t.id(), "Sensor P1", "lab", List.of(), Map.of(),
                    "unknown", false));
            Device d = app.stores().devices().list(new DeviceQuery(s.id(), null, null, null, 10, 0)).items().getFirst();
            List<Integer> notified = new CopyOnWriteArrayList<>();
            app.ingest().addListener((samples, events) -> notified.add(samples.size() + events.size()));
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);

            IngestBatch first = new IngestBatch(List.of(new Sample(d.id(), "temperature", t0, 21.0),
                    new Sample(d.id(), "temperature", t0.plusSeconds(60), 21.2)), List.of());
            IngestBatch bad = new IngestBatch(List.of(new Sample(d.id(), "temperature", t0.plusSeconds(120), 21.3),
                    new Sample(d.id(), "pressure", t0.plusSeconds(120), 1013)), List.of());
            IngestBatch third = new IngestBatch(List.of(new Sample(d.id(), "temperature", t0.plusSeconds(180), 21.4)),
                    List.of(Event.of(d.id(), t0.plusSeconds(180), "door_open", "info", "Door opened", null)));

            List<IngestPipeline.Outcome> out = app.ingest().ingestEach(List.of(first, bad, third));
            assertEquals(2, out.get(0).result().samples());
            assertNull(out.get(0).problem());
            assertNull(out.get(1).result());
            assertNotNull(out.get(1).problem());
            assertEquals("samples[1].metric", out.get(1).problem().field(), "the item named within its own batch");
            assertEquals(1, out.get(2).result().samples());
            assertEquals(1, out.get(2).result().events());
            assertEquals(3, app.stores().samples().count(d.id()), "nothing of the bad batch, all of the others");
            assertEquals(List.of(4), notified, "listeners hear of the stored batches once, after the one commit");
            assertEquals(t0.plusSeconds(180), app.stores().devices().get(d.id()).orElseThrow().lastSeen());

            // the single-batch path keeps its contract: the problem is thrown and nothing is written
            ProblemException p = assertThrows(ProblemException.class, () -> app.ingest().ingest(bad));
            assertEquals(422, p.status());
            assertEquals(3, app.stores().samples().count(d.id()));
        }
    }
}
