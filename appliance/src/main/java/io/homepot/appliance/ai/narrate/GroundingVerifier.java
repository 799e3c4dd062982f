package io.homepot.appliance.ai.narrate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.homepot.appliance.ai.facts.Facts;

/**
 * Checks a narrative against the facts it was written from: which known devices it names, which
 * device-like names ({@code ABC-12}, "device 99") are not devices of the site, and which numbers do not
 * appear in the facts. A number is supported when some fact rounds to it at the answer's precision, or a
 * 0..1 fact does as a percentage; small integers (0..10), the question's own numbers and numbers inside
 * known device names are not checked.
 */
public final class GroundingVerifier {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d.])-?\\d+(?:[.,]\\d+)?(?![\\p{L}\\d])");
    private static final Pattern DEVICE_LIKE = Pattern.compile("\\b[A-Z][A-Za-z]{1,10}-\\d{1,5}\\b");
    private static final Pattern DEVICE_ID = Pattern.compile("(?i)\\bdevice\\s+(?:id\\s+)?#?(\\d+)\\b");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]");

    /**
     * @param text      the narrative
     * @param facts     the facts (device names of the site)
     * @param factsText every text the numbers may come from (rendered fact sheet, computed sentences)
     * @param question  the user's question (its numbers are allowed), may be {@code null}
     */
    public Verification verify(String text, Facts facts, String factsText, String question) {
        String t = text == null ? "" : text;
        List<String> names = new ArrayList<>(facts.siteDevices().values());
        Set<String> mentioned = new LinkedHashSet<>(mentionedDevices(t, facts));
        String stripped = t;
        for (String n : mentioned) { // longest first
            stripped = Pattern.compile(Pattern.quote(n), Pattern.CASE_INSENSITIVE).matcher(stripped).replaceAll(" ");
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = DEVICE_LIKE.matcher(stripped);
        List<String> compact = null;
        while (m.find()) {
            String cand = m.group();
            if (compact == null) {
                compact = names.stream().filter(n -> n != null).map(GroundingVerifier::compact).toList();
            }
            String c = compact(cand);
            boolean known = compact.stream().anyMatch(n -> n.contains(c));
            if (!known) {
                unknown.add(cand);
            }
        }
        m = DEVICE_ID.matcher(stripped);
        while (m.find()) {
            long id = Long.parseLong(m.group(1));
            if (!facts.siteDevices().containsKey(id)) {
                unknown.add(m.group());
            } else {
                mentioned.add(facts.siteDevices().get(id));
            }
        }
        stripped = DEVICE_ID.matcher(DEVICE_LIKE.matcher(stripped).replaceAll(" ")).replaceAll(" ");
        KnownNumbers known = new KnownNumbers(factsText + " " + (question == null ? "" : question));
        List<String> unsupported = new ArrayList<>();
        int checked = 0;
        m = NUMBER.matcher(stripped);
        while (m.find()) {
            String s = m.group().replace(',', '.');
            BigDecimal v;
            try {
                v = new BigDecimal(s);
            } catch (NumberFormatException e) {
                continue;
            }
            checked++;
            if (v.scale() <= 0 && v.abs().compareTo(BigDecimal.TEN) <= 0) {
                continue;
            }
            if (v.scale() <= 0 && v.intValue() >= 1990 && v.intValue() <= 2100) {
                continue;
            }
            if (!known.supports(v)) {
                unsupported.add(m.group());
            }
        }
        return new Verification(List.copyOf(mentioned), List.copyOf(unknown), checked,
                unsupported.stream().distinct().toList());
    }

    /**
     * The known device names {@code text} mentions (case-insensitive), longest first, as {@link #verify} lists
     * them, without the number and unknown-device checks.
     */
    public static List<String> mentionedDevices(String text, Facts facts) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(facts.siteDevices().values());
        names.sort(Comparator.comparingInt(String::length).reversed());
        Set<String> mentioned = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank() && lower.contains(n.toLowerCase(Locale.ROOT))) {
                mentioned.add(n);
            }
        }
        return List.copyOf(mentioned);
    }

    /**
     * Adds every match of {@code -?\d+(?:\.\d+)?} in {@code text} to {@code out}, leftmost first like
     * {@link Matcher#find()}: a hand-written scan, as fact sheets are long and this runs on every answer.
     */
    static void scanNumbers(String text, Set<String> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i > 0 && text.charAt(i - 1) == '-' ? i - 1 : i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i + 1 < n && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
                i++;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
            }
            out.add(text.substring(start, i));
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The fact numbers, rounded once per precision asked: {@code v} (scale {@code s}) is supported when some fact
     * {@code k} has {@code round(k, s) == v}, {@code round(|k|, s) == |v|}, or {@code |k| <= 1} and
     * {@code round(100 k, s) == v} (a score read as a percentage). Rounding is half-up. A number written exactly
     * as in the facts is supported without parsing the facts' numbers at all (the usual case for the appliance's
     * own narrative, which copies computed values).
     */
    private static final class KnownNumbers {
        private final Set<String> literal = new java.util.HashSet<>();
        private List<BigDecimal> facts;
        /** Per scale: values {@code v} supported as such (rounded facts and rounded percentages of 0..1 facts). */
        private final java.util.Map<Integer, Set<BigDecimal>> signed = new java.util.HashMap<>();
        /** Per scale: rounded absolute values of the facts. */
        private final java.util.Map<Integer, Set<BigDecimal>> absolute = new java.util.HashMap<>();

        KnownNumbers(String text) {
            scanNumbers(text, literal);
        }

        boolean supports(BigDecimal v) {
            if (literal.contains(v.toPlainString())) {
                return true;
            }
            if (facts == null) {
                facts = numbers(literal);
            }
            int scale = Math.max(0, v.scale());
            if (!signed.containsKey(scale)) {
                Set<BigDecimal> sg = new java.util.HashSet<>();
                Set<BigDecimal> ab = new java.util.HashSet<>();
                for (BigDecimal k : facts) {
                    sg.add(round(k, scale));
                    ab.add(round(k.abs(), scale));
                    if (k.abs().compareTo(BigDecimal.ONE) <= 0) {
                        sg.add(round(k.movePointRight(2), scale));
                    }
                }
                signed.put(scale, sg);
                absolute.put(scale, ab);
            }
            BigDecimal at = v.setScale(scale, java.math.RoundingMode.UNNECESSARY);
            return signed.get(scale).contains(at) || absolute.get(scale).contains(at.abs());
        }
    }

    /** Lower case letters and digits only ("HVAC-04" → "hvac04"). */
    private static String compact(String s) {
        return NOT_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static BigDecimal round(BigDecimal k, int scale) {
        return k.setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    private static List<BigDecimal> numbers(Set<String> tokens) {
        List<BigDecimal> out = new ArrayList<>();
        for (String t : tokens) {
            try {
                out.add(new BigDecimal(t));
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }
}
