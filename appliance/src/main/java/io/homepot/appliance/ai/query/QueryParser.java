package io.homepot.appliance.ai.query;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.homepot.appliance.ai.facts.TimeRange;
import io.homepot.appliance.store.Device;
import io.homepot.appliance.store.DeviceType;
import io.homepot.appliance.store.MetricDefinition;
import io.homepot.appliance.store.Site;

/**
 * Understands a question without the LLM: site (by name), devices (full name, alias such as
 * {@code POS-12} / {@code pos 12} / {@code pos12}, or a description such as "server room sensor" matched
 * on rare words of names, locations and tags), device types ("sensors", "HVAC", "switches", "UPS"),
 * metric conditions ("ran hot" = temperature high) and the time range ("today", "yesterday", "this week",
 * "last 24 hours", "tomorrow" = forecast). Pure function of its inputs; deterministic. What it derives from the
 * catalog alone (normalised names, aliases and description words of each device) is memoised per device text,
 * so a question costs string matching against precomputed terms, not regular expressions over every device.
 * Thread-safe.
 */
public final class QueryParser {
    /** Memoised entries kept at most (cleared when exceeded). */
    static final int MEMO_MAX = 10_000;

    /** What the parser may refer to. */
    public record Catalog(List<Site> sites, Map<Long, List<Device>> devicesBySite, List<DeviceType> types) {
    }

    private static final Pattern LAST_N = Pattern.compile("\\b(?:last|past|previous)\\s+(\\d{1,3})\\s*(hours?|hrs?|h|days?|d|weeks?)\\b");
    private static final Pattern NEXT_N = Pattern.compile("\\b(?:next|coming)\\s+(\\d{1,3})\\s*(hours?|hrs?|h|days?|d)\\b");
    private static final Pattern FUTURE = Pattern.compile(
            ".*\\b(likely|going to|will|predict\\w*|forecast\\w*|risk\\w*|soon|upcoming|about to)\\b.*");
    private static final Pattern ALIAS = Pattern.compile("([a-z]+)\\s*[-_ ]?\\s*(\\d+)");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * What matching needs from one device, derived from its name, location and tags only.
     *
     * @param name    normalised name
     * @param phrases the name and its aliases as they may appear in a normalised question
     * @param words   stemmed description words (name, location, tags)
     */
    private record DeviceTerms(String name, List<String> phrases, Set<String> words) {
        static DeviceTerms of(Device d) {
            String n = normalize(d.name());
            List<String> phrases = new ArrayList<>();
            phrases.add(n);
            for (String alias : aliases(d.name())) {
                phrases.add(alias);
                phrases.add(alias.replace(" ", ""));
            }
            Set<String> w = new LinkedHashSet<>();
            for (String s : (n + " " + normalize(d.location() == null ? "" : d.location()) + " "
                    + normalize(String.join(" ", d.tags()))).split(" ")) {
                if (!s.isBlank()) {
                    w.add(stem(s));
                }
            }
            return new DeviceTerms(n, List.copyOf(phrases), Set.copyOf(w));
        }
    }

    private final Map<String, DeviceTerms> deviceTerms = new ConcurrentHashMap<>();
    private final Map<String, String> normalized = new ConcurrentHashMap<>();

    private DeviceTerms terms(Device d) {
        if (deviceTerms.size() > MEMO_MAX) {
            deviceTerms.clear();
        }
        String key = d.name() + '\u0001' + d.location() + '\u0001' + String.join("\u0002", d.tags());
        return deviceTerms.computeIfAbsent(key, k -> DeviceTerms.of(d));
    }

    /** {@link #normalize} of catalog text (site and metric names), memoised. */
    private String norm(String s) {
        if (s == null) {
            return "";
        }
        if (normalized.size() > MEMO_MAX) {
            normalized.clear();
        }
        return normalized.computeIfAbsent(s, QueryParser::normalize);
    }

    public QueryIntent parse(String question, Catalog cat, Instant now) {
        String q = normalize(question);
        List<String> notes = new ArrayList<>();
        Site site = findSite(q, cat.sites(), notes);
        String rest = site == null ? q : q.replace(norm(site.name()), " ");
        List<Device> siteDevices = site == null ? List.of() : cat.devicesBySite().getOrDefault(site.id(), List.of());
        ZoneId zone = zone(site);

        // time
        boolean forecast = false;
        int horizon = 24;
        TimeRange range = null;
        ZonedDateTime local = now.atZone(zone);
        Instant startOfToday = local.toLocalDate().atStartOfDay(zone).toInstant();
        Matcher m;
        if ((m = NEXT_N.matcher(q)).find()) {
            forecast = true;
            horizon = (int) Math.max(1, Math.min(168, hours(Integer.parseInt(m.group(1)), m.group(2))));
            notes.add("forecast: next " + horizon + " h");
        } else if (has(q, "tomorrow")) {
            forecast = true;
            horizon = (int) Math.max(24, Duration.between(now, startOfToday.plus(Duration.ofDays(2))).toHours());
            notes.add("forecast: until the end of tomorrow (" + horizon + " h)");
        } else if (FUTURE.matcher(q).matches()) {
            forecast = true;
            notes.add("forecast: next 24 h");
        }
        if ((m = LAST_N.matcher(q)).find()) {
            long h = hours(Integer.parseInt(m.group(1)), m.group(2));
            h = Math.max(1, Math.min(24 * 90, h));
            range = TimeRange.last(Duration.ofHours(h), now, h % 24 == 0 ? (h / 24) + "d" : h + "h");
        } else if (has(q, "yesterday")) {
            range = new TimeRange(startOfToday.minus(Duration.ofDays(1)), startOfToday, "yesterday");
        } else if (has(q, "today") || has(q, "this morning") || has(q, "tonight")) {
            range = startOfToday.isBefore(now) ? new TimeRange(startOfToday, now, "today") : null;
        } else if (has(q, "last week")) {
            Instant monday = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            range = new TimeRange(monday.minus(Duration.ofDays(7)), monday, "last week");
        } else if (has(q, "this week")) {
            Instant monday = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
            range = new TimeRange(Duration.between(monday, now).toHours() < 24 ? now.minus(Duration.ofHours(24)) : monday,
                    now, "this week");
        } else if (has(q, "this month")) {
            LocalDate first = local.toLocalDate().withDayOfMonth(1);
            Instant f = first.atStartOfDay(zone).toInstant();
            range = new TimeRange(Duration.between(f, now).toHours() < 24 ? now.minus(Duration.ofHours(24)) : f, now, "this month");
        }
        if (range == null) {
            range = TimeRange.last(Duration.ofHours(24), now, "24h");
        }
        notes.add("period: " + range.label());

        // types
        Set<String> typeCodes = new LinkedHashSet<>();
        List<String> tokens = List.of(rest.split(" "));
        for (Map.Entry<String, List<String>> e : Vocabulary.TYPE_PHRASES.entrySet()) {
            if (has(rest, e.getKey())) {
                typeCodes.addAll(typesMatching(cat.types(), e.getValue()));
            }
        }
        for (String t : tokens) {
            List<String> parts = Vocabulary.TYPE_WORDS.get(t);
            if (parts != null) {
                typeCodes.addAll(typesMatching(cat.types(), parts));
            }
            for (DeviceType dt : cat.types()) {
                if (t.length() > 2 && (t.equals(dt.code().toLowerCase(Locale.ROOT)) || t.equals(dt.code().toLowerCase(Locale.ROOT) + "s"))) {
                    typeCodes.add(dt.code());
                }
            }
        }

        // devices
        List<Device> devices = findDevices(rest, siteDevices, notes);

        // metrics
        // metrics of the devices/types in question (all types when none is named)
        Set<String> scopeTypes = new LinkedHashSet<>(typeCodes);
        devices.forEach(d -> scopeTypes.add(d.typeCode()));
        Set<String> known = new LinkedHashSet<>();
        for (DeviceType dt : cat.types()) {
            if (scopeTypes.isEmpty() || scopeTypes.contains(dt.code())) {
                dt.metrics().forEach(md -> known.add(md.name()));
            }
        }
        List<QueryIntent.MetricCondition> metrics = new ArrayList<>();
        for (String t : tokens) {
            Vocabulary.MetricWord w = Vocabulary.METRIC_WORDS.get(t);
            if (w != null) {
                for (String metric : known) {
                    String lm = metric.toLowerCase(Locale.ROOT);
                    if (w.metricParts().stream().anyMatch(lm::contains)) {
                        addMetric(metrics, new QueryIntent.MetricCondition(metric, w.direction()));
                    }
                }
            }
            for (String metric : known) {
                if (t.length() > 2 && norm(metric).equals(t)) {
                    addMetric(metrics, new QueryIntent.MetricCondition(metric, "any"));
                }
            }
        }
        if (!typeCodes.isEmpty()) {
            notes.add("device types: " + String.join(", ", typeCodes));
        }
        metrics.forEach(x -> notes.add("metric: " + x.metric() + (x.direction().equals("any") ? "" : " " + x.direction())));
        return new QueryIntent(site, devices, typeCodes, metrics, range, forecast, horizon, notes);
    }

    private static void addMetric(List<QueryIntent.MetricCondition> list, QueryIntent.MetricCondition c) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).metric().equals(c.metric())) {
                if (list.get(i).direction().equals("any") && !c.direction().equals("any")) {
                    list.set(i, c);
                }
                return;
            }
        }
        list.add(c);
    }

    private Site findSite(String q, List<Site> sites, List<String> notes) {
        Site best = null;
        for (Site s : sites) {
            String n = norm(s.name());
            if (!n.isBlank() && has(q, n) && (best == null || n.length() > norm(best.name()).length())) {
                best = s;
            }
        }
        if (best != null) {
            notes.add("site: " + best.name());
            return best;
        }
        if (sites.size() == 1) {
            return sites.getFirst();
        }
        return sites.stream().filter(Site::demo).findFirst().orElse(sites.isEmpty() ? null : sites.getFirst());
    }

    private static List<String> typesMatching(List<DeviceType> types, List<String> parts) {
        List<String> out = new ArrayList<>();
        for (DeviceType t : types) {
            String hay = (t.code() + " " + t.name()).toLowerCase(Locale.ROOT);
            if (parts.stream().anyMatch(hay::contains)) {
                out.add(t.code());
            }
        }
        return out;
    }

    /** Full name, alias (letters+digits), then rare-word description match. */
    private List<Device> findDevices(String q, List<Device> devices, List<String> notes) {
        List<Device> exact = new ArrayList<>();
        Map<Long, DeviceTerms> terms = new HashMap<>();
        for (Device d : devices) {
            DeviceTerms dt = terms(d);
            terms.put(d.id(), dt);
            if (dt.name().isBlank()) {
                continue;
            }
            boolean hit = false;
            for (String phrase : dt.phrases()) {
                hit |= has(q, phrase);
            }
            if (hit) {
                exact.add(d);
            }
        }
        if (!exact.isEmpty()) {
            // prefer longer names when one name contains another ("POS-1" vs "POS-12")
            exact.sort(Comparator.comparingInt((Device d) -> -terms.get(d.id()).name().length()));
            List<Device> kept = new ArrayList<>();
            for (Device d : exact) {
                String n = terms.get(d.id()).name();
                if (kept.stream().map(k -> terms.get(k.id()).name()).noneMatch(k -> k.contains(n) && !k.equals(n))) {
                    kept.add(d);
                }
            }
            kept.forEach(d -> notes.add("device: " + d.name()));
            return kept;
        }
        // description match on rare words
        Map<String, Integer> df = new HashMap<>();
        Map<Long, Set<String>> words = new HashMap<>();
        for (Device d : devices) {
            Set<String> w = terms.get(d.id()).words();
            words.put(d.id(), w);
            w.forEach(s -> df.merge(s, 1, Integer::sum));
        }
        Set<String> qw = new LinkedHashSet<>();
        for (String s : q.split(" ")) {
            if (!s.isBlank() && !Vocabulary.STOP.contains(s)) {
                qw.add(stem(s));
            }
        }
        int n = Math.max(1, devices.size());
        int rareLimit = Math.max(2, n / 10);
        double best = 0;
        Map<Long, Double> score = new HashMap<>();
        for (Device d : devices) {
            double s = 0;
            boolean rare = false;
            int overlap = 0;
            for (String w : words.get(d.id())) {
                if (qw.contains(w)) {
                    overlap++;
                    s += Math.log(1.0 + (double) n / df.get(w));
                    rare |= df.get(w) <= rareLimit && !DIGITS.matcher(w).matches();
                }
            }
            if (rare || overlap >= 2) {
                score.put(d.id(), s);
                best = Math.max(best, s);
            }
        }
        List<Device> out = new ArrayList<>();
        for (Device d : devices) {
            Double s = score.get(d.id());
            if (s != null && s >= 0.8 * best) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble((Device d) -> -score.get(d.id())).thenComparingLong(Device::id));
        if (out.size() > 5) {
            return List.of();
        }
        out.forEach(d -> notes.add("device (by description): " + d.name()));
        return out;
    }

    /** "POS-12" → "pos 12"; "HVAC-04" → "hvac 04", "hvac 4"; letters followed by digits anywhere in the name. */
    static List<String> aliases(String name) {
        List<String> out = new ArrayList<>();
        Matcher m = ALIAS.matcher(name.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
            String n = m.group(2).replaceFirst("^0+(?=\\d)", "");
            if (!n.equals(m.group(2))) {
                out.add(m.group(1) + " " + n);          // "POS-01" is also "pos 1"
            }
        }
        return out;
    }

    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("es") && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes"))) {
            return w.substring(0, w.length() - 2);
        }
        return w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w;
    }

    /** Lower case, punctuation to spaces, digits split from letters ("pos12" stays, "POS-12" → "pos 12"). */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String n = NON_WORD.matcher(s.toLowerCase(Locale.ROOT).replace("'s", "")).replaceAll(" ").strip();
        return SPACES.matcher(n).replaceAll(" ");
    }

    /** Whether {@code phrase} occurs in {@code q} as whole words (both normalised). */
    private static boolean has(String q, String phrase) {
        if (phrase.isBlank()) {
            return false;
        }
        for (int i = q.indexOf(phrase); i >= 0; i = q.indexOf(phrase, i + 1)) {
            int end = i + phrase.length();
            if ((i == 0 || q.charAt(i - 1) == ' ') && (end == q.length() || q.charAt(end) == ' ')) {
                return true;
            }
        }
        return false;
    }

    private static long hours(int n, String unit) {
        return unit.startsWith("d") ? n * 24L : unit.startsWith("w") ? n * 168L : n;
    }

    private static ZoneId zone(Site s) {
        try {
            return s == null || s.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(s.timezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Metric definitions of the given types (helper for callers). */
    public static List<MetricDefinition> metricsOf(List<DeviceType> types, Set<String> codes) {
        return types.stream().filter(t -> codes.contains(t.code())).flatMap(t -> t.metrics().stream()).toList();
    }
}
