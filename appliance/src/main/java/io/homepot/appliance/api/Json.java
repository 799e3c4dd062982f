package io.homepot.appliance.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Tiny JSON-P helper for responses: a null-tolerant object builder and senders that set the content type.
 * Values are converted as follows: {@code null} → {@code null}, {@link Instant} → ISO-8601 string,
 * {@link Collection} → array, {@link Map} → object, {@link Obj} → nested object, non-finite doubles → {@code null}.
 */
public final class Json {
    public static final String APPLICATION_JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";
    static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonBuilderFactory FACTORY = PROVIDER.createBuilderFactory(Map.of());

    private Json() {
    }

    /** Starts an object. */
    public static Obj obj() {
        return new Obj();
    }

    /** A fluent, null-tolerant object builder. */
    public static final class Obj {
        private final JsonObjectBuilder b = FACTORY.createObjectBuilder();

        /** Adds {@code name} converted as described on {@link Json}. */
        public Obj put(String name, Object value) {
            b.add(name, value(value));
            return this;
        }

        /** Adds {@code name} only when {@code value} is not null. */
        public Obj putIfPresent(String name, Object value) {
            if (value != null) {
                put(name, value);
            }
            return this;
        }

        public JsonObject build() {
            return b.build();
        }
    }

    /** Converts a Java value to JSON. */
    public static JsonValue value(Object v) {
        return switch (v) {
            case null -> JsonValue.NULL;
            case JsonValue j -> j;
            case Obj o -> o.build();
            case String s -> PROVIDER.createValue(s);
            case Boolean bool -> bool ? JsonValue.TRUE : JsonValue.FALSE;
            case Integer i -> PROVIDER.createValue(i);
            case Long l -> PROVIDER.createValue(l);
            case Double d -> d.isNaN() || d.isInfinite() ? JsonValue.NULL : PROVIDER.createValue(d);
            case Number n -> PROVIDER.createValue(n.doubleValue());
            case Instant t -> PROVIDER.createValue(t.toString());
            case Collection<?> c -> {
                JsonArrayBuilder a = FACTORY.createArrayBuilder();
                c.forEach(x -> a.add(value(x)));
                yield a.build();
            }
            case Map<?, ?> m -> {
                JsonObjectBuilder o = FACTORY.createObjectBuilder();
                m.forEach((k, x) -> o.add(String.valueOf(k), value(x)));
                yield o.build();
            }
            default -> PROVIDER.createValue(v.toString());
        };
    }

    /** Sends {@code body} as {@code application/json} with status 200. */
    public static void send(ServerResponse res, JsonValue body) {
        send(res, 200, body);
    }

    /** Sends {@code body} as {@code application/json}. */
    public static void send(ServerResponse res, int status, JsonValue body) {
        send(res, status, APPLICATION_JSON, body);
    }

    /** Sends {@code body} with the given status and content type. */
    public static void send(ServerResponse res, int status, String contentType, JsonValue body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body.toString());
    }
}
