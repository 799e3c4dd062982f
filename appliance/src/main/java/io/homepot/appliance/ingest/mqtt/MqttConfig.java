package io.homepot.appliance.ingest.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.homepot.appliance.config.ConfigException;
import io.homepot.appliance.config.Settings;
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
        Settings s = Settings.of("homepot.mqtt", env);
        MqttConfig d = disabled();
        List<String> topics = new ArrayList<>();
        for (String t : s.str("topics", "HOMEPOT_MQTT_TOPICS", String.join(",", d.topics())).split(",")) {
            if (!t.isBlank()) {
                topics.add(t.strip());
            }
        }
        long qos = s.num("qos", "HOMEPOT_MQTT_QOS", d.qos());
        return new MqttConfig(s.str("url", "HOMEPOT_MQTT_URL", ""), topics,
                s.str("client-id", "HOMEPOT_MQTT_CLIENT_ID", d.clientId()),
                s.str("username", "HOMEPOT_MQTT_USERNAME", ""), s.str("password", "HOMEPOT_MQTT_PASSWORD", ""),
                (int) Math.max(-1, Math.min(3, qos)), s.str("error-topic", "HOMEPOT_MQTT_ERROR_TOPIC", d.errorTopic()),
                d.maxReconnect());
    }
}
