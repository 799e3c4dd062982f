package io.homepot.appliance.ai.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A ticking UTC clock whose offset from the system clock a test can move (e.g. to just before 06:00). */
final class ShiftableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void shiftTo(Instant target) {
        offset = Duration.between(Instant.now(), target);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
