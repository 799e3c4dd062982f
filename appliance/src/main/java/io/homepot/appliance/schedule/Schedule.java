package io.homepot.appliance.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * When a job runs: {@link #next(Instant)} is the first fire time strictly after an instant. Wall-clock
 * schedules ({@link #daily}, {@link #weekly}) are evaluated in a time zone, so "06:00" means 06:00 site
 * time across DST changes (a skipped local time fires at the first valid instant after it; a repeated
 * one fires once). {@link #every} is a fixed interval, used for shortened schedules in tests.
 */
public sealed interface Schedule {

    /** The first fire time strictly after {@code after}. */
    Instant next(Instant after);

    /** Human-readable form, e.g. {@code daily 06:00 Europe/Berlin}. */
    String describe();

    /** Every day at {@code at} in {@code zone}. */
    static Schedule daily(LocalTime at, ZoneId zone) {
        return new Daily(at, zone);
    }

    /** Every week on {@code day} at {@code at} in {@code zone}. */
    static Schedule weekly(DayOfWeek day, LocalTime at, ZoneId zone) {
        return new Weekly(day, at, zone);
    }

    /** Every {@code interval}, aligned to multiples of it since the epoch. */
    static Schedule every(Duration interval) {
        return new Every(interval);
    }

    /** Daily at a local time. */
    record Daily(LocalTime at, ZoneId zone) implements Schedule {
        public Daily {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant next(Instant after) {
            LocalDate day = after.atZone(zone).toLocalDate();
            for (int i = 0; i < 3; i++) {
                Instant t = ZonedDateTime.of(day.plusDays(i), at, zone).toInstant();
                if (t.isAfter(after)) {
                    return t;
                }
            }
            throw new IllegalStateException("no next daily time after " + after);
        }

        @Override
        public String describe() {
            return "daily " + at + " " + zone.getId();
        }
    }

    /** Weekly on a day at a local time. */
    record Weekly(DayOfWeek day, LocalTime at, ZoneId zone) implements Schedule {
        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant next(Instant after) {
            LocalDate d = after.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
            for (int i = 0; i < 3; i++) {
                Instant t = ZonedDateTime.of(d.plusWeeks(i), at, zone).toInstant();
                if (t.isAfter(after)) {
                    return t;
                }
            }
            throw new IllegalStateException("no next weekly time after " + after);
        }

        @Override
        public String describe() {
            return "weekly " + day.getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + at + " " + zone.getId();
        }
    }

    /** A fixed interval. */
    record Every(Duration interval) implements Schedule {
        public Every {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, got " + interval);
            }
        }

        @Override
        public Instant next(Instant after) {
            long step = interval.toMillis() == 0 ? 1 : interval.toMillis();
            long ms = after.toEpochMilli();
            return Instant.ofEpochMilli(Math.floorDiv(ms, step) * step + step);
        }

        @Override
        public String describe() {
            return "every " + interval;
        }
    }
}
