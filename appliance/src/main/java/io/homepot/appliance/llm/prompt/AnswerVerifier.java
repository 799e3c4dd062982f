package io.homepot.appliance.llm.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an LLM answer against the fact sheet it was given.
 *
 * <ul>
 *   <li><b>Devices.</b> Known devices are found by id or name (case and punctuation insensitive).
 *   Device-like identifiers ({@code POS-13}, {@code HVAC-9}, {@code sensor_1234}, {@code Sensor R999},
 *   {@code Terminal 7}) that match no known id or name are reported as unknown.</li>
 *   <li><b>Numbers.</b> Every number in the answer (list numbering and digits inside device
 *   identifiers excepted) must match a number of the rendered facts, the question, or a derived
 *   count (devices per status) after rounding to the precision the answer uses; fractions also
 *   match as percentages ({@code 0.82} ~ {@code 82%}) and vice versa.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class AnswerVerifier {

    private static final Pattern CODE_ID =
            Pattern.compile("\\b[A-Z][A-Z0-9]{1,9}[-_]\\d{1,6}[A-Za-z]?\\b|\\b[a-z]{2,12}_\\d{1,6}\\b");
    private static final Pattern WORD_ID = Pattern.compile(
            "\\b(?i:sensor|device|pos|hvac|terminal|till|register|camera|printer|router|switch|thermostat|kiosk"
                    + "|gateway|ups|fridge|freezer|chiller|controller|panel)\\s+#?[A-Za-z]?\\d{1,6}[A-Za-z]?\\b");
    private static final Set<String> NOT_DEVICES = Set.of("iso", "utc", "gmt", "http", "https", "covid", "sha",
            "tls", "ipv", "rfc", "cve", "q");
    private static final Pattern LIST_NUMBER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");
    private static final Pattern FACT_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u[0-9a-fA-F]{4}");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w.])(-(?=\\d))?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(\\s?%)?");

    private final FactSheetRenderer renderer;

    public AnswerVerifier(FactSheetRenderer renderer) {
        this.renderer = renderer;
    }

    public AnswerVerifier() {
        this(new FactSheetRenderer());
    }

    /** Verifies {@code answer} against {@code facts}. */
    public AnswerVerification verify(String answer, FactSheet facts) {
        return verify(answer, facts, "");
    }

    /** As {@link #verify(String, FactSheet)}, also accepting numbers that appear in the question. */
    public AnswerVerification verify(String answer, FactSheet facts, String question) {
        String text = answer == null ? "" : answer;
        String spaced = " " + spaced(text) + " ";
        Set<String> mentioned = new TreeSet<>();
        StringBuilder masked = new StringBuilder(text);
        for (FactSheet.Device d : facts.devices()) {
            for (String key : new String[] {d.id(), d.name()}) {
                String k = spaced(key);
                if (k.length() >= 2 && spaced.contains(" " + k + " ")) {
                    mentioned.add(d.id());
                    maskLiteral(masked, key);
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Pattern p : List.of(CODE_ID, WORD_ID)) {
            Matcher m = p.matcher(masked);
            while (m.find()) {
                String cand = m.group();
                String prefix = cand.split("[-_\\s#]")[0].toLowerCase(Locale.ROOT);
                if (!NOT_DEVICES.contains(prefix) && !known(cand, facts) && !unknown.contains(cand)) {
                    unknown.add(cand);
                }
                mask(masked, m.start(), m.end());
            }
        }
        Matcher list = LIST_NUMBER.matcher(masked);
        while (list.find()) {
            mask(masked, list.start(), list.end());
        }
        List<Double> factNumbers = factNumbers(facts, question);
        Set<String> unverified = new LinkedHashSet<>();
        Matcher n = NUMBER.matcher(masked);
        while (n.find()) {
            String digits = n.group(2).replace(",", "");
            int decimals = digits.contains(".") ? digits.length() - digits.indexOf('.') - 1 : 0;
            double value = Double.parseDouble(digits);
            if (!supported(value, decimals, factNumbers)) {
                unverified.add(n.group().strip());
            }
        }
        return new AnswerVerification(new ArrayList<>(mentioned), unknown, new ArrayList<>(unverified));
    }

    private static boolean known(String candidate, FactSheet facts) {
        String c = spaced(candidate);
        String compact = c.replace(" ", "");
        for (FactSheet.Device d : facts.devices()) {
            for (String key : new String[] {d.id(), d.name()}) {
                String k = spaced(key);
                if (k.isEmpty()) {
                    continue;
                }
                if (k.replace(" ", "").equals(compact) || (" " + k + " ").contains(" " + c + " ")) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Double> factNumbers(FactSheet facts, String question) {
        List<Double> out = new ArrayList<>();
        // facts are trusted: take every digit run (also "T10:30" inside timestamps), minus \\uXXXX escapes
        String factText = UNICODE_ESCAPE.matcher(renderer.render(facts)).replaceAll(" ");
        Matcher m = FACT_NUMBER.matcher(factText);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        Matcher q = NUMBER.matcher(question == null ? "" : question);
        while (q.find()) {
            out.add(Double.parseDouble(q.group(2).replace(",", "")));
        }
        facts.devices().stream().map(d -> d.status() == null ? "" : d.status().toLowerCase(Locale.ROOT))
                .distinct().forEach(s -> out.add((double) facts.devices().stream()
                        .filter(d -> s.equals(d.status() == null ? "" : d.status().toLowerCase(Locale.ROOT)))
                        .count()));
        return out;
    }

    private static boolean supported(double value, int decimals, List<Double> facts) {
        double tolerance = 0.5 * Math.pow(10, -decimals) + 1e-9;
        for (double f : facts) {
            double a = Math.abs(f);
            if (Math.abs(a - value) <= tolerance
                    || (a <= 1 && Math.abs(a * 100 - value) <= tolerance)       // 0.82 cited as 82%
                    || (value <= 1 && Math.abs(a / 100 - value) <= tolerance)) { // 82 (%) cited as 0.82
                return true;
            }
        }
        return false;
    }

    private static String spaced(String s) {
        if (s == null) {
            return "";
        }
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static void maskLiteral(StringBuilder b, String literal) {
        if (literal == null || literal.isEmpty()) {
            return;
        }
        Matcher m = Pattern.compile(Pattern.quote(literal), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(b.toString());
        while (m.find()) {
            mask(b, m.start(), m.end());
        }
    }

    private static void mask(StringBuilder b, int from, int to) {
        for (int i = from; i < to; i++) {
            b.setCharAt(i, ' ');
        }
    }
}
