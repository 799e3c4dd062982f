package io.homepot.appliance.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.homepot.appliance.incidents.HistoryTemplates.Role;
import io.homepot.appliance.incidents.HistoryTemplates.Template;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceQuery;
import io.homepot.appliance.store.Incident;
import io.homepot.appliance.store.Site;
import io.homepot.appliance.store.Sql;
import io.homepot.appliance.store.Stores;

/**
 * Seeds a site with a deterministic history of resolved past incidents (temperature, humidity, connectivity, power,
 * performance, mechanical, storage, other), spread over the {@value #DAYS} days before an anchor time and written to
 * {@code ai_incident_patterns}, so that similar-incident answers are meaningful on day one. The same site devices,
 * anchor and seed give the same history. Idempotent: a site that already has resolved incidents is left alone.
 *
 * <p>Rows are inserted directly; call {@link IncidentIndexer#requestReconcile()} afterwards (or let the start-up
 * reconciliation pick them up).</p>
 */
public final class DemoIncidentHistory {
    /** Days of history before the anchor. */
    public static final int DAYS = 90;
    /** Incidents generated for a site. */
    public static final int COUNT = 180;
    private static final Pattern SLOT = Pattern.compile("\\{(dev|hvac|ups|sw|hh|r:-?\\d+:-?\\d+|i:-?\\d+:-?\\d+)}");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private DemoIncidentHistory() {
    }

    /**
     * Inserts the history of {@code siteId}.
     *
     * @param anchor history ends one day before this instant (normally the demo's "now")
     * @return the incidents inserted (empty when the site has no devices or already has a history)
     */
    public static List<Incident> seed(Stores stores, long siteId, Instant anchor, long seed) {
        Site site = stores.sites().get(siteId).orElseThrow(() -> new IllegalArgumentException("no site " + siteId));
        long resolved = stores.db().read(c -> Sql.count(c, "SELECT COUNT(*) FROM ai_incident_patterns p JOIN devices d "
                + "ON d.id = p.device_id WHERE d.site_id = ? AND p.resolution IS NOT NULL", siteId));
        List<Device> devices = stores.devices().list(new DeviceQuery(siteId, null, null, null, 10_000, 0)).items();
        if (resolved > 0 || devices.isEmpty()) {
            return List.of();
        }
        ZoneId zone = zone(site.timezone());
        Map<Role, List<Device>> byRole = new EnumMap<>(Role.class);
        for (Device d : devices) {
            byRole.computeIfAbsent(roleOf(d.typeCode()), r -> new ArrayList<>()).add(d);
        }
        byRole.put(Role.ANY, devices);
        Random rnd = new Random(seed * 31 + 0x5EED_1AC1L);
        int totalWeight = HistoryTemplates.ALL.stream().mapToInt(Template::weight).sum();
        Instant start = anchor.minus(Duration.ofDays(DAYS));
        long span = Duration.ofDays(DAYS - 1).toSeconds();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            times.add(start.plusSeconds((long) (rnd.nextDouble() * span)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        }
        times.sort(null);
        List<Incident> out = new ArrayList<>();
        for (Instant at : times) {
            Template t = pick(rnd, totalWeight);
            Device dev = device(rnd, byRole, t.roles());
            String description = fill(t.description(), dev, byRole, at, zone, rnd);
            String resolution = fill(t.resolutions().get(rnd.nextInt(t.resolutions().size())), dev, byRole, at, zone, rnd);
            String severity = description.contains("critical") || rnd.nextInt(10) < 3 ? "critical"
                    : rnd.nextInt(10) < 8 ? "warning" : "info";
            Instant resolvedAt = at.plus(Duration.ofMinutes(20 + rnd.nextInt(36 * 60)));
            out.add(stores.incidents().insert(new Incident(null, dev.id(), description, t.category(), severity, resolution,
                    at, resolvedAt)));
        }
        return out;
    }

    /** Role of a device type code: temperature sensors, HVAC, network, power, POS, servers/recorders, other. */
    static Role roleOf(String typeCode) {
        String c = typeCode == null ? "" : typeCode.toLowerCase(Locale.ROOT);
        if (c.matches(".*(hvac|chiller|air|crac|cooling|ac_unit).*")) {
            return Role.HVAC;
        }
        if (c.matches(".*(temp|sensor|fridge|freezer|cooler|thermo|climate|env).*")) {
            return Role.TEMP;
        }
        if (c.matches(".*(switch|router|gateway|network|wifi|ap$|access|firewall|modem).*")) {
            return Role.NET;
        }
        if (c.matches(".*(ups|pdu|power|generator|battery|meter).*")) {
            return Role.POWER;
        }
        if (c.matches(".*(pos|terminal|kiosk|register|till|printer|scanner|payment).*")) {
            return Role.POS;
        }
        if (c.matches(".*(server|nvr|nas|camera|pc|computer|display|signage).*")) {
            return Role.SERVER;
        }
        return Role.ANY;
    }

    private static Template pick(Random rnd, int totalWeight) {
        int x = rnd.nextInt(totalWeight);
        for (Template t : HistoryTemplates.ALL) {
            x -= t.weight();
            if (x < 0) {
                return t;
            }
        }
        return HistoryTemplates.ALL.getLast();
    }

    private static Device device(Random rnd, Map<Role, List<Device>> byRole, List<Role> roles) {
        for (Role r : roles) {
            List<Device> ds = byRole.get(r);
            if (ds != null && !ds.isEmpty()) {
                // the first device of a role gets half of its incidents: sites have a usual suspect
                return rnd.nextBoolean() ? ds.getFirst() : ds.get(rnd.nextInt(ds.size()));
            }
        }
        List<Device> any = byRole.get(Role.ANY);
        return any.get(rnd.nextInt(any.size()));
    }

    private static String fill(String template, Device dev, Map<Role, List<Device>> byRole, Instant at, ZoneId zone,
                               Random rnd) {
        Matcher m = SLOT.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String slot = m.group(1);
            String v = switch (slot) {
                case "dev" -> label(dev);
                case "hvac" -> nameOf(byRole, Role.HVAC, "HVAC-2");
                case "ups" -> nameOf(byRole, Role.POWER, "the UPS");
                case "sw" -> nameOf(byRole, Role.NET, "the core switch");
                case "hh" -> at.atZone(zone).toLocalTime().format(HHMM);
                default -> {
                    String[] p = slot.split(":");
                    int lo = Integer.parseInt(p[1]);
                    int hi = Integer.parseInt(p[2]);
                    yield p[0].equals("i") ? Integer.toString(lo + rnd.nextInt(hi - lo + 1))
                            : String.format(Locale.ROOT, "%.1f", lo + rnd.nextDouble() * (hi - lo));
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        String s = b.toString();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String nameOf(Map<Role, List<Device>> byRole, Role role, String dflt) {
        List<Device> ds = byRole.get(role);
        return ds == null || ds.isEmpty() ? dflt : ds.getFirst().name();
    }

    private static String label(Device d) {
        return d.location() == null || d.location().isBlank() || d.name().toLowerCase(Locale.ROOT)
                .contains(d.location().toLowerCase(Locale.ROOT)) ? d.name() : d.name() + " (" + d.location() + ")";
    }

    private static ZoneId zone(String tz) {
        try {
            return tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
