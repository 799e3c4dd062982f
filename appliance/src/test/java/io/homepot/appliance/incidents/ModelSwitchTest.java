package io.homepot.appliance.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.homepot.appliance.store.Incident;
import io.homepot.vectorindex.embed.ModelVariant;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switching HOMEPOT_EMBEDDING_MODEL re-embeds every incident with the new model at the next start. */
class ModelSwitchTest {
    @TempDir
    Path dir;

    @Test
    void int8ModelRebuildsTheIndexFromTheTable() throws Exception {
        List<String> texts = List.of("UPS-01 on battery after a mains voltage dip to 185 V",
                "Packet loss on SW-02 up to 25 % while the uplink flapped",
                "Server room temperature spike to 33 °C; HVAC-01 boosted cooling");
        try (TestAppliance a = TestAppliance.start(dir)) {
            SiteFixture site = SiteFixture.create(a.app.stores(), "Building A");
            a.awaitReady();
            for (String t : texts) {
                Incident i = a.app.stores().incidents().insert(SiteFixture.incident(site.device("UPS-1"), t, "power",
                        "warning", Instant.now()));
                a.incidents.indexer().onIncidentCreated(i);
                a.awaitIndexed(i.id());
            }
        }
        IncidentIndexConfig int8 = IncidentIndexConfig.defaults(dir).withVariant(ModelVariant.INT8);
        try (TestAppliance b = TestAppliance.start(dir, int8)) {
            b.awaitReady();
            JsonObject index = b.getJson("/api/ai/status").getJsonObject("index");
            assertEquals("int8", index.getString("model"));
            assertEquals(texts.size(), index.getInt("size"));
            assertEquals(texts.size(), index.getInt("embedded"), "re-embedded with the new model");
            JsonObject top = b.getJson("/api/ai/incidents/similar?k=1&q=switch%20uplink%20packet%20loss")
                    .getJsonArray("results").getJsonObject(0);
            assertEquals(texts.get(1), top.getString("description"));
        }
    }
}
