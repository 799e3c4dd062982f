package io.homepot.appliance.ai.narrate;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The verifier's hand-written number scan finds exactly what the regular expression it replaces finds. */
class NumberScanTest {
    private static final Pattern FACT_NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    @Test
    void matchesTheRegexOnFactLikeAndRandomText() {
        assertEquals(regex("2026-11-25 -3.5 x1.2.3 --7 81.94% 0.42,5 .5 9."),
                scan("2026-11-25 -3.5 x1.2.3 --7 81.94% 0.42,5 .5 9."));
        Random rnd = new Random(7);
        String alphabet = "0123456789.-a ,%";
        for (int t = 0; t < 5000; t++) {
            StringBuilder b = new StringBuilder();
            for (int i = rnd.nextInt(40); i > 0; i--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            assertEquals(regex(b.toString()), scan(b.toString()), b.toString());
        }
    }

    private static Set<String> regex(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = FACT_NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Set<String> scan(String text) {
        Set<String> out = new LinkedHashSet<>();
        GroundingVerifier.scanNumbers(text, out);
        return out;
    }
}
