package io.homepot.appliance.config;

/**
 * Demo site settings.
 *
 * @param enabled             seed and stream the "Building A" demo site
 * @param seed                random seed; the same seed and anchor time give the same data
 * @param days                days of per-minute history to back-fill
 * @param liveIntervalSeconds how often live samples are streamed (0 disables streaming)
 */
public record DemoConfig(boolean enabled, long seed, int days, int liveIntervalSeconds) {
    public DemoConfig {
        if (days < 1 || days > 366) {
            throw new ConfigException("homepot.demo.days (HOMEPOT_DEMO_DAYS) must be 1..366, got " + days);
        }
        if (liveIntervalSeconds < 0) {
            throw new ConfigException("homepot.demo.live-interval-seconds must be >= 0, got " + liveIntervalSeconds);
        }
    }

    public static DemoConfig disabled() {
        return new DemoConfig(false, 42, 30, 60);
    }

    public DemoConfig withEnabled(boolean on) {
        return new DemoConfig(on, seed, days, liveIntervalSeconds);
    }
}
