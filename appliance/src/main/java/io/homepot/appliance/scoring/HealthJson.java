package io.homepot.appliance.scoring;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** JSON form of health factors, as stored in {@code device_health_history.factors} and served by the API. */
public final class HealthJson {
    /** Looked up once: {@code Json.createXxx} would search the class path for a provider on every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private HealthJson() {
    }

    public static JsonArray factorsArray(List<DeviceHealth.Factor> factors) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (DeviceHealth.Factor f : factors) {
            var o = JSON.createObjectBuilder().add("name", f.name());
            if (f.metric() == null) {
                o.addNull("metric");
            } else {
                o.add("metric", f.metric());
            }
            a.add(o.add("penalty", Math.round(f.penalty() * 1000) / 1000.0).add("explanation", f.explanation()));
        }
        return a.build();
    }

    static String factors(DeviceHealth h) {
        return factorsArray(h.factors()).toString();
    }

    /** Parses stored factors; an unreadable document gives an empty list. */
    public static List<DeviceHealth.Factor> parse(String json) {
        List<DeviceHealth.Factor> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            for (JsonValue v : JSON.createReader(new StringReader(json)).readArray()) {
                JsonObject o = v.asJsonObject();
                out.add(new DeviceHealth.Factor(o.getString("name", ""), o.isNull("metric") ? null : o.getString("metric", null),
                        o.getJsonNumber("penalty").doubleValue(), o.getString("explanation", "")));
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        return out;
    }
}
