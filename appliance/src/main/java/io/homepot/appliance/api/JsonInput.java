package io.homepot.appliance.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/**
 * Reads request bodies (with a size limit) and typed fields of JSON objects. Every failure is a
 * {@link ProblemException} naming the field path, e.g. {@code samples[3].ts}.
 */
public final class JsonInput {
    private JsonInput() {
    }

    /** Reads the body (413 above {@code maxBytes}) and parses it as a JSON object (400 when malformed). */
    public static JsonObject readObject(ServerRequest req, long maxBytes) {
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > maxBytes) {
            throw ProblemException.tooLarge("body", "Request body of " + declared + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        return parseObject(readLimited(req.content().inputStream(), maxBytes), "Request body");
    }

    /**
     * Parses {@code body} as a JSON object (400 naming field {@code body} when empty or malformed); {@code what} starts
     * the messages ("Request body", "MQTT payload").
     */
    public static JsonObject parseObject(byte[] body, String what) {
        if (body.length == 0) {
            throw ProblemException.badRequest("body", what + " is empty; a JSON object is required");
        }
        try (JsonReader r = Json.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.badRequest("body", what + " must be a JSON object, got " + type(v));
            }
            return v.asJsonObject();
        } catch (JsonParsingException e) {
            var loc = e.getLocation();
            throw ProblemException.badRequest("body", "Malformed JSON" + (loc == null ? "" : " at line "
                    + loc.getLineNumber() + ", column " + loc.getColumnNumber()) + ": " + e.getMessage());
        } catch (JsonException e) {
            throw ProblemException.badRequest("body", "Malformed JSON: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream in, long maxBytes) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw ProblemException.tooLarge("body", "Request body exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String type(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
        };
    }

    private static String path(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static JsonValue field(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw ProblemException.badRequest(path(prefix, name), "Missing required field '" + path(prefix, name) + "'");
            }
            return null;
        }
        return v;
    }

    /** A string field; {@code null} when optional and absent. */
    public static String string(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name) + "' must be a string, got "
                    + type(v));
        }
        return s.getString();
    }

    /** A non-blank string field of at most {@code maxLen} characters. */
    public static String text(JsonObject o, String name, String prefix, boolean required, int maxLen) {
        String s = string(o, name, prefix, required);
        if (s == null) {
            return null;
        }
        if (required && s.isBlank()) {
            throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name) + "' must not be blank");
        }
        if (s.length() > maxLen) {
            throw ProblemException.unprocessable(path(prefix, name), "Field '" + path(prefix, name) + "' is longer than "
                    + maxLen + " characters");
        }
        return s;
    }

    /** An integral number field. */
    public static Long integer(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name)
                    + "' must be an integer, got " + (v instanceof JsonNumber ? "a fraction" : type(v)));
        }
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw ProblemException.unprocessable(path(prefix, name), "Field '" + path(prefix, name) + "' is out of range");
        }
    }

    /** A finite number field (strings such as "NaN" or "Infinity" are rejected). */
    public static Double number(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNumber n)) {
            throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name)
                    + "' must be a finite number, got " + type(v) + (v instanceof JsonString s ? " \"" + abbrev(s.getString()) + "\"" : ""));
        }
        BigDecimal bd = n.bigDecimalValue();
        double d = bd.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw ProblemException.unprocessable(path(prefix, name), "Field '" + path(prefix, name)
                    + "' must be a finite number; " + abbrev(bd.toString()) + " is out of range");
        }
        return d;
    }

    /** A boolean field. */
    public static Boolean bool(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return null;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE || v.getValueType() == JsonValue.ValueType.TRUE
                || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name) + "' must be a boolean, got "
                + type(v));
    }

    /** A timestamp field: ISO-8601 string with offset (or {@code Z}) or epoch milliseconds. */
    public static Instant timestamp(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return null;
        }
        String p = path(prefix, name);
        if (v instanceof JsonNumber n) {
            if (!n.isIntegral()) {
                throw ProblemException.badRequest(p, "Field '" + p + "' must be epoch milliseconds (an integer) or an ISO-8601 string");
            }
            try {
                return Instant.ofEpochMilli(n.longValueExact());
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw ProblemException.unprocessable(p, "Field '" + p + "' is out of range");
            }
        }
        if (v instanceof JsonString s) {
            return parseInstant(s.getString(), p);
        }
        throw ProblemException.badRequest(p, "Field '" + p + "' must be an ISO-8601 string or epoch milliseconds, got " + type(v));
    }

    /** Parses ISO-8601 ({@code 2025-11-27T10:30:00Z} or with offset) or epoch milliseconds. */
    public static Instant parseInstant(String s, String field) {
        String t = s.trim();
        if (t.matches("-?\\d{1,16}")) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "Field '" + field + "' is not an ISO-8601 timestamp with offset "
                    + "(e.g. 2025-11-27T10:30:00Z) or epoch milliseconds: \"" + abbrev(t) + "\"");
        }
    }

    /** An array field; empty list when optional and absent. */
    public static List<JsonValue> array(JsonObject o, String name, String prefix, boolean required) {
        JsonValue v = field(o, name, prefix, required);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw ProblemException.badRequest(path(prefix, name), "Field '" + path(prefix, name) + "' must be an array, got "
                    + type(v));
        }
        return a;
    }

    /** An array of strings. */
    public static List<String> strings(JsonObject o, String name, String prefix) {
        List<String> out = new ArrayList<>();
        List<JsonValue> a = array(o, name, prefix, false);
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof JsonString s)) {
                throw ProblemException.badRequest(path(prefix, name) + "[" + i + "]", "Field '" + path(prefix, name) + "["
                        + i + "]' must be a string");
            }
            out.add(s.getString());
        }
        return out;
    }

    /** The element at {@code index} as an object. */
    public static JsonObject element(List<JsonValue> array, int index, String path) {
        JsonValue v = array.get(index);
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest(path, "Item '" + path + "' must be an object, got " + type(v));
        }
        return v.asJsonObject();
    }

    static String abbrev(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
