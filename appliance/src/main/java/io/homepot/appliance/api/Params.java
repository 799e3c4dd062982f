package io.homepot.appliance.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.helidon.webserver.http.ServerRequest;

/** Typed access to query and path parameters; failures are 400 problems naming the parameter. */
public final class Params {
    private Params() {
    }

    /** A query parameter or {@code null}. */
    public static String query(ServerRequest req, String name) {
        return req.query().first(name).filter(s -> !s.isBlank()).orElse(null);
    }

    /** An integer query parameter within {@code [min, max]}, or {@code dflt} when absent. */
    public static int intParam(ServerRequest req, String name, int dflt, int min, int max) {
        String v = query(req, name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw ProblemException.badRequest(name, "Query parameter '" + name + "' must be between " + min + " and "
                        + max + ", got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "Query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /** A long query parameter, or null. */
    public static Long longParam(ServerRequest req, String name) {
        String v = query(req, name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "Query parameter '" + name + "' must be an integer id, got '" + v + "'");
        }
    }

    /** A timestamp query parameter (ISO-8601 or epoch ms), or null. */
    public static Instant instant(ServerRequest req, String name) {
        String v = query(req, name);
        return v == null ? null : JsonInput.parseInstant(v, name);
    }

    /** A numeric path parameter such as {@code {id}}. */
    public static long pathId(ServerRequest req, String name) {
        String v = req.path().pathParameters().get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "Path parameter '" + name + "' must be an integer id, got '" + v + "'");
        }
    }

    /**
     * A duration such as {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code PT15M} or plain seconds; null when absent.
     */
    public static Duration duration(ServerRequest req, String name) {
        String v = query(req, name);
        if (v == null) {
            return null;
        }
        String t = v.trim().toLowerCase();
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase());
            }
            char unit = t.charAt(t.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw ProblemException.badRequest(name, "Query parameter '" + name + "' must be a duration like 60s, 5m, 1h, "
                    + "1d or PT15M, got '" + v + "'");
        }
    }
}
