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

    /**
     * @param text      the narrative
     * @param facts     the facts (device names of the site)
     * @param factsText every text the numbers may come from (rendered fact sheet, computed sentences)
     * @param question  the user's question (its numbers are allowed), may be {@code null}
     */
    public Verification verify(String text, Facts facts, String factsText, String question) {
        String t = text == null ? "" : text;
        List<String> names = new ArrayList<>(facts.siteDevices().values());
        names.sort(Comparator.comparingInt(String::length).reversed());
        Set<String> mentioned = new LinkedHashSet<>();
        String lower = t.toLowerCase(Locale.ROOT);
        String stripped = t;
        for (String n : names) {
            if (n != null && !n.isBlank() && lower.contains(n.toLowerCase(Locale.ROOT))) {
                mentioned.add(n);
                stripped = Pattern.compile(Pattern.quote(n), Pattern.CASE_INSENSITIVE).matcher(stripped).replaceAll(" ");
            }
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = DEVICE_LIKE.matcher(stripped);
        while (m.find()) {
            String cand = m.group();
            boolean known = names.stream().anyMatch(n -> n != null && n.toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]", "").contains(cand.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")));
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
        List<BigDecimal> known = numbers(factsText + " " + (question == null ? "" : question));
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
            if (!supported(v, known)) {
                unsupported.add(m.group());
            }
        }
        return new Verification(List.copyOf(mentioned), List.copyOf(unknown), checked,
                unsupported.stream().distinct().toList());
    }

    private static boolean supported(BigDecimal v, List<BigDecimal> known) {
        int scale = Math.max(0, v.scale());
        for (BigDecimal k : known) {
            if (round(k, scale).compareTo(v) == 0 || round(k.abs(), scale).compareTo(v.abs()) == 0) {
                return true;
            }
            if (k.abs().compareTo(BigDecimal.ONE) <= 0 && round(k.movePointRight(2), scale).compareTo(v) == 0) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal round(BigDecimal k, int scale) {
        return k.setScale(scale, java.math.RoundingMode.HALF_UP);
    }

    private static List<BigDecimal> numbers(String text) {
        List<BigDecimal> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+(?:\\.\\d+)?").matcher(text);
        while (m.find()) {
            try {
                out.add(new BigDecimal(m.group()));
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }
}
