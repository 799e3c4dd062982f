package io.homepot.appliance.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.homepot.appliance.ai.facts.Facts;
import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.ai.narrate.GroundingVerifier;
import io.homepot.appliance.ai.narrate.Verification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class AnswerCacheAndVerifierTest {

    @Test
    void cacheExpiresEvictsAndCounts() {
        AtomicLong nanos = new AtomicLong();
        SimpleMeterRegistry reg = new SimpleMeterRegistry();
        AnswerCache c = new AnswerCache(Duration.ofSeconds(300), 2, reg, nanos::get);
        JsonObject v = Json.createObjectBuilder().add("answer", "x").build();
        c.put("a", v, false);
        c.put("d", v, true);
        assertEquals(v, c.get("a"));
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertNull(c.get("d"), "degraded answers live at most 10 s");
        assertEquals(v, c.get("a"));
        c.put("b", v, false);
        c.put("c", v, false);
        assertEquals(2, c.size(), "LRU bound");
        nanos.addAndGet(Duration.ofSeconds(300).toNanos());
        assertNull(c.get("c"));
        assertEquals(2, c.hitCount());
        assertEquals(2, c.missCount());
        assertEquals(2.0, reg.get("homepot.ai.cache.requests").tag("result", "hit").counter().count());
    }

    @Test
    void verifierFlagsUnknownDevicesAndNumbers() {
        Facts f = new Facts(null, new TimeRange(Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), "1h"), List.of(), List.of(),
                new Facts.SiteSummary(0, 0, 0, 0, 0, 0, null), Map.of(1L, "POS-12", 2L, "HVAC-04"), Instant.EPOCH);
        String facts = "{\"id\":\"1\",\"health_score\":0.42,\"max\":81.94} uptime 99.8";
        Verification ok = new GroundingVerifier().verify("POS-12 has a health score of 0.42 (42%) and peaked at 81.9 ms; "
                + "uptime 99.8%. Check 2 cables.", f, facts, null);
        assertTrue(ok.grounded(), ok.toString());
        assertEquals(List.of("POS-12"), ok.devicesMentioned());
        Verification bad = new GroundingVerifier().verify("POS-99 and device 77 are at 73.5 degrees; HVAC-04 is fine.", f,
                facts, null);
        assertFalse(bad.grounded());
        assertEquals(List.of("POS-99", "device 77"), bad.unknownDevices());
        assertEquals(List.of("73.5"), bad.unsupportedNumbers());
        assertEquals(List.of("HVAC-04"), bad.devicesMentioned());
    }
}
