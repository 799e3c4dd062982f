package io.homepot.appliance.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Fire-time computation (site time zones, DST) and the executor-based scheduler with a shortened schedule. */
class ScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void dailyAtSixSiteTime() {
        Schedule s = Schedule.daily(LocalTime.of(6, 0), BERLIN);
        assertEquals(Instant.parse("2026-11-25T05:00:00Z"), s.next(Instant.parse("2026-11-25T04:59:59Z")));
        assertEquals(Instant.parse("2026-11-26T05:00:00Z"), s.next(Instant.parse("2026-11-25T05:00:00Z")), "strictly after");
        // summer time: 06:00 CEST is 04:00 UTC
        assertEquals(Instant.parse("2026-07-01T04:00:00Z"), s.next(Instant.parse("2026-06-30T12:00:00Z")));
        // across the spring-forward night the local time stays 06:00
        assertEquals(Instant.parse("2026-03-29T04:00:00Z"), s.next(Instant.parse("2026-03-28T05:00:00Z")));
        assertEquals("daily 06:00 Europe/Berlin", s.describe());
    }

    @Test
    void dailyAtASkippedLocalTimeFiresOnceAfterTheGap() {
        Schedule s = Schedule.daily(LocalTime.of(2, 30), BERLIN); // 02:30 does not exist on 2026-03-29
        Instant t = s.next(Instant.parse("2026-03-28T12:00:00Z"));
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), t, "03:30 CEST, the first valid instant after the gap");
        assertEquals(Instant.parse("2026-03-30T00:30:00Z"), s.next(t));
    }

    @Test
    void weeklyMondaySix() {
        Schedule s = Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneId.of("UTC"));
        // 2026-11-25 is a Wednesday
        assertEquals(Instant.parse("2026-11-30T06:00:00Z"), s.next(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals(Instant.parse("2026-11-30T06:00:00Z"), s.next(Instant.parse("2026-11-30T05:59:59Z")));
        assertEquals(Instant.parse("2026-12-07T06:00:00Z"), s.next(Instant.parse("2026-11-30T06:00:00Z")));
        assertEquals("weekly Mon 06:00 UTC", s.describe());
    }

    @Test
    void everyIsAlignedToItsInterval() {
        Schedule s = Schedule.every(Duration.ofMinutes(15));
        assertEquals(Instant.parse("2026-11-25T10:15:00Z"), s.next(Instant.parse("2026-11-25T10:00:00Z")));
        assertEquals(Instant.parse("2026-11-25T10:15:00Z"), s.next(Instant.parse("2026-11-25T10:14:59.999Z")));
        assertThrows(IllegalArgumentException.class, () -> Schedule.every(Duration.ZERO));
    }

    @Test
    void configParsing() {
        assertEquals(LocalTime.of(6, 0), ScheduleConfig.parseTime("k", "06:00"));
        assertNull(ScheduleConfig.parseTime("k", "off"));
        assertEquals(new ScheduleConfig.Weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0)), ScheduleConfig.parseWeekly("k", "MON 06:00"));
        assertEquals(DayOfWeek.FRIDAY, ScheduleConfig.parseWeekly("k", "friday 18:30").day());
        assertNull(ScheduleConfig.parseWeekly("k", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.parseTime("homepot.x", "6am"));
        assertTrue(e.getMessage().contains("homepot.x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.parseWeekly("k", "XYZ 06:00"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.parseZone("k", "Mars/Olympus"));
        assertEquals(ZoneId.of("UTC"), ScheduleConfig.siteZone("not a zone"));
        ScheduleConfig d = ScheduleConfig.defaults();
        assertEquals(Schedule.daily(LocalTime.of(6, 0), BERLIN), d.daily(BERLIN));
        assertEquals(Schedule.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN), d.weekly(BERLIN));
        ScheduleConfig fixed = new ScheduleConfig(true, LocalTime.of(7, 0), null, null, ZoneId.of("UTC"));
        assertEquals(Schedule.daily(LocalTime.of(7, 0), ZoneId.of("UTC")), fixed.daily(BERLIN), "configured zone wins");
        assertNull(fixed.weekly(BERLIN));
    }

    @Test
    void shortenedScheduleFiresRepeatedlyAndSurvivesAFailingRun() throws Exception {
        try (JobScheduler js = new JobScheduler(Clock.systemUTC(), "test-scheduler")) {
            List<Instant> fired = new CopyOnWriteArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            AtomicInteger calls = new AtomicInteger();
            js.schedule("job", Schedule.every(Duration.ofMillis(150)), () -> {
                fired.add(Instant.now());
                three.countDown();
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first run fails");
                }
            });
            assertTrue(three.await(5, TimeUnit.SECONDS), "fired " + fired.size() + " times");
            Thread.sleep(40); // the run that counted down re-arms right after returning
            JobScheduler.JobInfo info = js.jobs().getFirst();
            assertEquals("job", info.name());
            assertTrue(info.runs() >= 3);
            assertEquals(1, info.failures());
            assertTrue(info.nextRun().isAfter(fired.getLast()), info + " / " + fired);
            assertTrue(js.cancel("job"));
            int n = fired.size();
            Thread.sleep(400);
            assertTrue(fired.size() <= n + 1, "no runs after cancel");
        }
    }

    @Test
    void wallClockJobFiresWhenTheInjectedClockReachesItsTime() throws Exception {
        Instant six = Instant.parse("2026-11-30T06:00:00Z");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), six.minusMillis(300)));
        try (JobScheduler js = new JobScheduler(clock, "test-scheduler")) {
            CountDownLatch fired = new CountDownLatch(1);
            List<Instant> at = new CopyOnWriteArrayList<>();
            js.schedule("daily", Schedule.daily(LocalTime.of(6, 0), ZoneId.of("UTC")), () -> {
                at.add(clock.instant());
                fired.countDown();
            });
            assertEquals(six, js.jobs().getFirst().nextRun());
            assertTrue(fired.await(5, TimeUnit.SECONDS));
            assertTrue(!at.getFirst().isBefore(six.minusMillis(50)), at.toString());
            Thread.sleep(100);
            assertEquals(six.plus(Duration.ofDays(1)), js.jobs().getFirst().nextRun());
            assertEquals(1, js.jobs().getFirst().runs());
        }
    }
}
