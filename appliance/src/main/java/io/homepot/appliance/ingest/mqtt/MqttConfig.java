package io.homepot.appliance.ingest.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.homepot.appliance.config.ConfigException;
import org.eclipse.paho.client.mqttv3.MqttTopic;

/**
 * MQTT ingest settings, read once at start-up from {@code application.yaml} ({@code homepot.mqtt.*}) with environment
 * overrides, validated here with messages that name the key and its variable.
 *
 * <table>
 * <caption>Keys (environment variable wins)</caption>
 * <tr><td>homepot.mqtt.url / HOMEPOT_MQTT_URL</td><td>broker, {@code tcp://host:1883} or {@code ssl://host:8883};
 * empty (default) = MQTT ingest off</td></tr>
 * <tr><td>homepot.mqtt.topics / HOMEPOT_MQTT_TOPICS</td><td>topic filters to subscribe, comma-separated (default
 * {@code homepot/ingest/#})</td></tr>
 * <tr><td>homepot.mqtt.client-id / HOMEPOT_MQTT_CLIENT_ID</td><td>stable client id: the broker keeps the session's
 * messages while the appliance is down (default {@code homepot-appliance})</td></tr>
 * <tr><td>homepot.mqtt.username / HOMEPOT_MQTT_USERNAME, .password / HOMEPOT_MQTT_PASSWORD</td><td>optional</td></tr>
 * <tr><td>homepot.mqtt.qos / HOMEPOT_MQTT_QOS</td><td>1 (default, at least once) or 2; 0 may lose messages</td></tr>
 * <tr><td>homepot.mqtt.error-topic / HOMEPOT_MQTT_ERROR_TOPIC</td><td>where a rejected message's problem is published
 * (default {@code homepot/ingest-errors}; {@code off} = none); must not match the subscribed filters</td></tr>
 * </table>
 *
 * @param url              broker URL, empty when MQTT ingest is off
 * @param topics           topic filters (at least one when enabled)
 * @param clientId         MQTT client id
 * @param username         user name, empty for none
 * @param password         password, empty for none
 * @param qos              subscription QoS 0..2
 * @param errorTopic       topic for problem reports of rejected messages, empty for none
 * @param maxReconnect     longest wait between two connection attempts
 */
public record MqttConfig(String url, List<String> topics, String clientId, String username, String password, int qos,
                         String errorTopic, Duration maxReconnect) {

    public MqttConfig {
        url = url == null ? "" : url.strip();
        topics = List.copyOf(topics);
        errorTopic = errorTopic == null || errorTopic.strip().equalsIgnoreCase("off") ? "" : errorTopic.strip();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (!url.isEmpty()) {
            if (!url.matches("(tcp|ssl)://[^/\\s:]+(:\\d{1,5})?")) {
                throw new ConfigException("homepot.mqtt.url (HOMEPOT_MQTT_URL) must look like tcp://host:1883 or"
                        + " ssl://host:8883, got '" + url + "'");
            }
            if (topics.isEmpty()) {
                throw new ConfigException("homepot.mqtt.topics (HOMEPOT_MQTT_TOPICS) must name at least one topic filter");
            }
            for (String t : topics) {
                try {
                    MqttTopic.validate(t, true);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("homepot.mqtt.topics (HOMEPOT_MQTT_TOPICS): '" + t + "' is not a valid topic"
                            + " filter: " + e.getMessage());
                }
            }
            if (clientId == null || clientId.isBlank() || clientId.length() > 65535) {
                throw new ConfigException("homepot.mqtt.client-id (HOMEPOT_MQTT_CLIENT_ID) must not be empty");
            }
            if (!errorTopic.isEmpty()) {
                try {
                    MqttTopic.validate(errorTopic, false);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("homepot.mqtt.error-topic (HOMEPOT_MQTT_ERROR_TOPIC): '" + errorTopic
                            + "' is not a valid topic name: " + e.getMessage());
                }
                for (String t : topics) {
                    if (MqttTopic.isMatched(t, errorTopic)) {
                        throw new ConfigException("homepot.mqtt.error-topic (HOMEPOT_MQTT_ERROR_TOPIC) '" + errorTopic
                                + "' matches the subscribed filter '" + t + "': the appliance would ingest its own"
                                + " problem reports");
                    }
                }
            }
        }
        if (qos < 0 || qos > 2) {
            throw new ConfigException("homepot.mqtt.qos (HOMEPOT_MQTT_QOS) must be 0, 1 or 2, got " + qos);
        }
        if (maxReconnect == null || maxReconnect.isNegative() || maxReconnect.isZero()) {
            throw new IllegalArgumentException("maxReconnect must be positive");
        }
    }

    /** MQTT ingest off. */
    public static MqttConfig disabled() {
        return new MqttConfig("", List.of("homepot/ingest/#"), "homepot-appliance", "", "", 1, "homepot/ingest-errors",
                Duration.ofSeconds(30));
    }

    /** The defaults with broker {@code url} (tests, examples). */
    public static MqttConfig of(String url) {
        MqttConfig d = disabled();
        return new MqttConfig(url, d.topics(), d.clientId(), "", "", d.qos(), d.errorTopic(), d.maxReconnect());
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** Reads {@code application.yaml} from the class path, then applies {@code env}. */
    public static MqttConfig load(Map<String, String> env) {
        Config yaml = Config.just(ConfigSources.classpath("application.yaml").optional()).get("homepot.mqtt");
        MqttConfig d = disabled();
        String qos = str(yaml, env, "qos", "HOMEPOT_MQTT_QOS", "1");
        int q;
        try {
            q = Integer.parseInt(qos.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("homepot.mqtt.qos (HOMEPOT_MQTT_QOS) must be 0, 1 or 2, got '" + qos + "'");
        }
        List<String> topics = new ArrayList<>();
        for (String t : str(yaml, env, "topics", "HOMEPOT_MQTT_TOPICS", String.join(",", d.topics())).split(",")) {
            if (!t.isBlank()) {
                topics.add(t.strip());
            }
        }
        return new MqttConfig(str(yaml, env, "url", "HOMEPOT_MQTT_URL", ""), topics,
                str(yaml, env, "client-id", "HOMEPOT_MQTT_CLIENT_ID", d.clientId()),
                str(yaml, env, "username", "HOMEPOT_MQTT_USERNAME", ""),
                str(yaml, env, "password", "HOMEPOT_MQTT_PASSWORD", ""), q,
                str(yaml, env, "error-topic", "HOMEPOT_MQTT_ERROR_TOPIC", d.errorTopic()), d.maxReconnect());
    }

    private static String str(Config yaml, Map<String, String> env, String key, String envName, String dflt) {
        String e = env.get(envName);
        if (e != null && !e.isBlank()) {
            return e.strip();
        }
        Config node = yaml.get(key);
        if (node.isList()) {
            return String.join(",", node.asList(String.class).orElse(List.of()));
        }
        return node.asString().orElse(dflt);
    }
}
