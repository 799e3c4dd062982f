package io.homepot.appliance.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * When the scheduled site reports run.
 *
 * @param enabled  run the scheduler at all
 * @param dailyAt  local time of the daily report, or {@code null} for none (e.g. 06:00)
 * @param weeklyOn day of the weekly report, or {@code null} for none (e.g. Monday)
 * @param weeklyAt local time of the weekly report
 * @param zone     time zone of the times, or {@code null} = each site's own time zone (UTC when unset)
 */
public record ScheduleConfig(boolean enabled, LocalTime dailyAt, DayOfWeek weeklyOn, LocalTime weeklyAt, ZoneId zone) {

    public ScheduleConfig {
        if (weeklyOn != null && weeklyAt == null) {
            throw new IllegalArgumentException("weekly report needs a time");
        }
    }

    /** Daily 06:00 and weekly Monday 06:00, site time. */
    public static ScheduleConfig defaults() {
        return new ScheduleConfig(true, LocalTime.of(6, 0), DayOfWeek.MONDAY, LocalTime.of(6, 0), null);
    }

    public static ScheduleConfig disabled() {
        return new ScheduleConfig(false, null, null, null, null);
    }

    /** The daily schedule in {@code siteZone} (unless a zone is configured), or {@code null}. */
    public Schedule daily(ZoneId siteZone) {
        return dailyAt == null ? null : Schedule.daily(dailyAt, zone != null ? zone : siteZone);
    }

    /** The weekly schedule in {@code siteZone} (unless a zone is configured), or {@code null}. */
    public Schedule weekly(ZoneId siteZone) {
        return weeklyOn == null ? null : Schedule.weekly(weeklyOn, weeklyAt, zone != null ? zone : siteZone);
    }

    /** Parses {@code HH:mm}; blank, {@code off} or {@code none} = {@code null}. */
    public static LocalTime parseTime(String key, String v) {
        if (off(v)) {
            return null;
        }
        try {
            return LocalTime.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be a time like 06:00 (or 'off'), got '" + v + "'");
        }
    }

    /** Parses {@code MON 06:00} (day name or 3-letter abbreviation); blank/off = {@code null}. */
    public static Weekly parseWeekly(String key, String v) {
        if (off(v)) {
            return null;
        }
        String[] p = v.strip().split("\\s+");
        if (p.length != 2) {
            throw new IllegalArgumentException(key + " must look like 'MON 06:00' (or 'off'), got '" + v + "'");
        }
        return new Weekly(day(key, p[0]), parseTime(key, p[1]));
    }

    /** A parsed weekly time. */
    public record Weekly(DayOfWeek day, LocalTime at) {
    }

    /** Parses a zone id; blank = {@code null} (site time). */
    public static ZoneId parseZone(String key, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(v.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + " must be a time zone id such as Europe/Berlin or UTC, got '" + v + "'");
        }
    }

    /** A site's time zone, UTC when unset or invalid. */
    public static ZoneId siteZone(String tz) {
        try {
            return tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static DayOfWeek day(String key, String s) {
        String u = s.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(u) || d.name().substring(0, 3).equals(u)) {
                return d;
            }
        }
        throw new IllegalArgumentException(key + " day must be MON..SUN, got '" + s + "'");
    }

    private static boolean off(String v) {
        return v == null || v.isBlank() || v.strip().equalsIgnoreCase("off") || v.strip().equalsIgnoreCase("none");
    }
}
