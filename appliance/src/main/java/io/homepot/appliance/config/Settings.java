package io.homepot.appliance.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * One node of {@code application.yaml} with environment overrides, for the modules' configuration loaders: the
 * variable wins when it is set and not blank, then the YAML key, then the default. Invalid values are
 * {@link ConfigException}s naming the key and the variable, e.g. {@code homepot.mqtt.qos (HOMEPOT_MQTT_QOS)}.
 *
 * @param node   the YAML node, e.g. {@code homepot.reports}
 * @param env    the environment (usually {@code System.getenv()})
 * @param prefix the node's path, for messages ({@code homepot.reports})
 */
public record Settings(Config node, Map<String, String> env, String prefix) {

    /** The {@code path} node of the class-path {@code application.yaml} (empty when absent) with {@code env}. */
    public static Settings of(String path, Map<String, String> env) {
        return new Settings(Config.just(ConfigSources.classpath("application.yaml").optional()).get(path), env, path);
    }

    /** {@code "homepot.reports.modes (HOMEPOT_REPORTS_MODES)"}. */
    public String name(String key, String envName) {
        return prefix + "." + key + " (" + envName + ")";
    }

    /** The value as text (a YAML list is joined with commas), or {@code dflt}. */
    public String str(String key, String envName, String dflt) {
        String e = env.get(envName);
        if (e != null && !e.isBlank()) {
            return e.strip();
        }
        Config n = node.get(key);
        if (n.isList()) {
            return String.join(",", n.asList(String.class).orElse(List.of()));
        }
        return n.asString().orElse(dflt);
    }

    /** A whole number, or {@code dflt} when unset or blank. */
    public long num(String key, String envName, long dflt) {
        String v = str(key, envName, null);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name(key, envName) + " must be a whole number, got '" + v + "'");
        }
    }

    /** A whole number that fits an {@code int}, or {@code dflt} when unset or blank. */
    public int integer(String key, String envName, int dflt) {
        long v = num(key, envName, dflt);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(name(key, envName) + " is out of range, got " + v);
        }
        return (int) v;
    }

    /** {@code true/1/yes/on} or {@code false/0/no/off}, or {@code dflt} when unset or blank. */
    public boolean bool(String key, String envName, boolean dflt) {
        String v = str(key, envName, null);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name(key, envName) + " must be true or false, got '" + v + "'");
        };
    }
}
