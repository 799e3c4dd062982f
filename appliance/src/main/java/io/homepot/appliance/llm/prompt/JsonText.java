package io.homepot.appliance.llm.prompt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Deterministic JSON literals for prompt text. Strings are escaped so untrusted text can never
 * close the {@code <facts>} block: besides JSON's mandatory escapes, {@code <}, {@code >} and
 * line/paragraph separators are written as {@code \\uXXXX}.
 */
public final class JsonText {

    /** Longest free-text value kept (longer values are cut and end with "..."). */
    public static final int MAX_TEXT = 300;

    private JsonText() {
    }

    /** A JSON string literal, quotes included; {@code null} gives {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String v = s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A number rounded to 3 decimals without trailing zeros ({@code 0.82}, {@code 72.3}, {@code 5}). */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        BigDecimal v = BigDecimal.valueOf(d).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        return v.toPlainString();
    }

    /** {@link #number(double)} or {@code null}. */
    public static String number(Double d) {
        return d == null ? "null" : number(d.doubleValue());
    }
}
