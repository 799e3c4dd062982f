package io.homepot.vectorindex.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Realistic, varied incident descriptions (category, text) for benchmarks. */
final class IncidentTextGenerator {

    static final String[] CATEGORIES = {"temperature", "humidity", "connectivity", "power",
        "performance", "storage", "mechanical", "other"};

    private static final String[][] TEMPLATES = {
        {"Temperature in %s rose to %d C, above threshold", "%s too warm: %d degrees for %d minutes",
            "Overheating detected on %s, reading %d C", "Cold chain breach in %s, product at %d C",
            "Freezer %s warming up, now %d C after %d minutes"},
        {"Relative humidity in %s at %d%%, condensation risk", "Humidity too low in %s: %d%% RH for %d minutes",
            "Moisture alarm in %s, RH sensor reading %d%%", "Dehumidifier in %s stopped, humidity %d%%",
            "Condensation forming in %s, dew point reached at %d%% RH"},
        {"%s lost connection to the broker, offline %d minutes", "No heartbeat from %s for %d minutes",
            "Packet loss %d%% on the link of %s", "%s unreachable, network timeout after %d s",
            "MQTT connection of %s refused, retry %d"},
        {"Mains power failure at %s, UPS battery %d%%", "Voltage dip to %d V on %s",
            "Breaker tripped on circuit of %s after %d minutes", "%s rebooted after power loss, battery %d%%",
            "Power outage affecting %s for %d minutes"},
        {"CPU at %d%% on %s for %d minutes", "Memory usage %d%% on %s, swapping",
            "Response time of %s degraded to %d ms", "Queue backlog on %s at %d messages",
            "%s slow, GC pauses of %d ms"},
        {"Disk on %s is %d%% full", "No space left on device on %s, %d MB free",
            "Filesystem of %s read-only after %d I/O errors", "SMART warning on %s: %d reallocated sectors",
            "Log partition of %s filling up, %d%% used"},
        {"Fan of %s stopped, %d RPM", "Compressor of %s short cycling every %d minutes",
            "Door of %s left open for %d minutes", "Vibration on %s pump at %d mm/s",
            "Refrigerant pressure low on %s, %d bar"},
        {"Firmware update failed on %s, error %d", "Unauthorised login attempt on %s, %d tries",
            "Certificate of %s expires in %d days", "Calibration overdue on %s by %d days",
            "Tamper switch opened on %s at %d:00"},
    };

    private static final String[] PLACES = {"cold room 1", "cold room 2", "freezer FZ-3", "fridge 7",
        "display case 4", "server rack A", "plant room", "warehouse", "gateway GW-7", "edge box 2",
        "chiller 1", "bakery proofer", "pharmacy fridge", "loading bay", "office", "sensor T-14",
        "controller C-2", "store 12", "kitchen", "archive room"};

    private final Random random;

    IncidentTextGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One {category, text} pair. */
    String[] next() {
        int c = random.nextInt(CATEGORIES.length);
        String t = TEMPLATES[c][random.nextInt(TEMPLATES[c].length)];
        String place = PLACES[random.nextInt(PLACES.length)];
        int a = 1 + random.nextInt(99);
        int b = 1 + random.nextInt(120);
        int s = t.indexOf("%s");
        int d = t.indexOf("%d");
        String text = d >= 0 && d < s ? String.format(t, a, place, b) : String.format(t, place, a, b);
        return new String[] {CATEGORIES[c], text};
    }

    List<String[]> next(int n) {
        List<String[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }
}
