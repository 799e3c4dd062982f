package io.homepot.appliance.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.api.IngestBatchJson;
import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.JsonInput;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestBatch;
import io.homepot.appliance.ingest.IngestPipeline;
import io.homepot.appliance.ingest.IngestResult;
import io.homepot.appliance.status.StatusContributor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.json.JsonObject;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Subscribes to the site's MQTT broker and hands every message to the {@link IngestPipeline}, the same all-or-nothing
 * write path as {@code POST /api/ingest}. The payload is the {@code /api/ingest} body, or one sample object
 * ({@code {"device_id", "metric", "ts", "value"}}).
 *
 * <p>Delivery: QoS 1 by default, a persistent session (clean session off, stable client id) and manual
 * acknowledgement: a message is acknowledged to the broker only after its batch is committed, so the broker keeps
 * (and redelivers) whatever the appliance has not stored, across a restart or a database outage. That is at least
 * once: a crash between the commit and the acknowledgement stores that batch twice. A message that can never be
 * stored (malformed JSON, unknown device, wrong metric, too large) is acknowledged, counted and reported as
 * problem JSON on {@link MqttConfig#errorTopic()} naming the offending field; a store failure is retried with
 * backoff and the message is not acknowledged meanwhile.</p>
 *
 * <p>The first connection is made in the background, retried until the broker answers; later losses reconnect
 * automatically. State and counters are the {@code mqtt} section of {@code GET /api/ai/status}.</p>
 */
public final class MqttIngest implements StatusContributor, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttIngest.class.getName());
    private static final long FIRST_RETRY_MS = 500;

    private final MqttConfig config;
    private final IngestPipeline pipeline;
    private final LimitsConfig limits;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final Thread connector;
    private final AtomicInteger session = new AtomicInteger();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Counter committed;
    private final Counter rejected;
    private volatile boolean running = true;
    /** connecting, subscribing, connected (subscribed), reconnecting, stopped. */
    private volatile String state = "connecting";
    private volatile Instant lastMessageAt;
    private volatile String lastError;
    private volatile String lastRejection;

    private MqttIngest(MqttConfig config, IngestPipeline pipeline, LimitsConfig limits, MeterRegistry registry,
                       Clock clock) throws MqttException {
        this.config = config;
        this.pipeline = pipeline;
        this.limits = limits;
        this.clock = clock;
        this.client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
        this.client.setManualAcks(true);
        this.client.setCallback(new Callback());
        this.committed = Counter.builder("homepot.mqtt.messages").tag("result", "committed")
                .description("MQTT messages stored and acknowledged").register(registry);
        this.rejected = Counter.builder("homepot.mqtt.messages").tag("result", "rejected")
                .description("MQTT messages that can never be stored (acknowledged and reported)").register(registry);
        Gauge.builder("homepot.mqtt.connected", this, m -> m.client.isConnected() ? 1 : 0)
                .description("1 while connected to the broker").register(registry);
        this.connector = Thread.ofPlatform().name("homepot-mqtt-connect").daemon().unstarted(this::connectLoop);
    }

    /**
     * Starts MQTT ingest and returns at once (the connection is made in the background).
     *
     * @throws IllegalArgumentException when {@code config} is disabled
     */
    public static MqttIngest start(MqttConfig config, IngestPipeline pipeline, LimitsConfig limits,
                                   MeterRegistry registry, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("MQTT ingest is disabled (no homepot.mqtt.url)");
        }
        try {
            MqttIngest m = new MqttIngest(config, pipeline, limits, registry, clock);
            m.connector.start();
            return m;
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT client for " + config.url() + " could not be created: " + e, e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);               // the broker keeps unacknowledged and new messages for us
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay((int) config.maxReconnect().toMillis());
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setMaxInflight(100);
        if (!config.username().isEmpty()) {
            o.setUserName(config.username());
            o.setPassword(config.password().toCharArray());
        }
        return o;
    }

    /** First connection: retried with backoff until it succeeds; paho reconnects by itself afterwards. */
    private void connectLoop() {
        long wait = FIRST_RETRY_MS;
        while (running && !client.isConnected()) {
            try {
                client.connect(options()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                lastError = "connect to " + config.url() + ": " + describe(e);
                state = "connecting";
                LOG.log(Level.FINE, lastError, e);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = Math.min(wait * 2, config.maxReconnect().toMillis());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            session.incrementAndGet();
            int[] qos = new int[config.topics().size()];
            java.util.Arrays.fill(qos, config.qos());
            state = "subscribing";
            try { // not waited for here (paho's callback thread delivers the SUBACK): "connected" once it has come
                client.subscribe(config.topics().toArray(String[]::new), qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        state = "connected";
                        LOG.info(() -> "MQTT ingest " + (reconnect ? "reconnected" : "connected") + " to " + serverUri
                                + ", subscribed to " + config.topics() + " (QoS " + config.qos() + ")");
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        lastError = "subscribe " + config.topics() + ": " + e;
                        LOG.warning("MQTT ingest: " + lastError);
                    }
                });
            } catch (MqttException e) {
                lastError = "subscribe " + config.topics() + ": " + describe(e);
                LOG.log(Level.WARNING, lastError, e);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            state = "reconnecting";
            lastError = "connection lost: " + (cause == null ? "unknown" : cause.getMessage());
            LOG.warning("MQTT ingest: " + lastError + "; reconnecting");
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handle(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // only problem reports are published (QoS 0)
        }
    }

    /** Stores one message (see the class comment for when it is acknowledged). Runs on paho's callback thread. */
    void handle(String topic, MqttMessage message) {
        int sessionAtArrival = session.get();
        lastMessageAt = clock.instant();
        IngestResult r = null;
        long wait = 200;
        while (r == null) {
            try {
                r = pipeline.ingest(parse(message.getPayload()));
            } catch (ProblemException p) {
                rejected.increment();
                lastRejection = topic + ": " + p.getMessage();
                report(topic, message, p);
                ack(message, sessionAtArrival);
                return;
            } catch (RuntimeException e) { // the store failed: keep the message unacknowledged and try again
                lastError = "store: " + e;
                LOG.log(Level.WARNING, "MQTT ingest: storing a message from " + topic + " failed; retrying in " + wait
                        + " ms", e);
                if (!sleep(wait) || session.get() != sessionAtArrival) {
                    return; // stopping, or the broker redelivers it on the new session
                }
                wait = Math.min(wait * 2, 10_000);
            }
        }
        samples.addAndGet(r.samples());
        events.addAndGet(r.events());
        committed.increment();
        ack(message, sessionAtArrival);
    }

    private IngestBatch parse(byte[] payload) {
        if (payload.length > limits.maxBodyBytes()) {
            throw ProblemException.tooLarge("body", "MQTT payload of " + payload.length + " bytes exceeds the limit of "
                    + limits.maxBodyBytes() + " bytes");
        }
        return IngestBatchJson.parse(JsonInput.parseObject(payload, "MQTT payload"), limits, true);
    }

    private void ack(MqttMessage message, int sessionAtArrival) {
        if (message.getQos() == 0 || session.get() != sessionAtArrival) {
            return; // nothing to acknowledge, or the id belongs to a session that is gone
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.log(Level.WARNING, "MQTT ingest: acknowledging message " + message.getId() + " failed", e);
        }
    }

    /** Publishes the problem (RFC 7807 members plus the topic) on the error topic, QoS 0, not retained. */
    private void report(String topic, MqttMessage message, ProblemException p) {
        LOG.info(() -> "MQTT ingest rejected a message on " + topic + ": " + p.getMessage());
        if (config.errorTopic().isEmpty()) {
            return;
        }
        Json.Obj o = Json.obj().put("type", "about:blank").put("title", p.title()).put("status", p.status())
                .put("detail", p.getMessage()).put("field", p.field()).put("topic", topic)
                .put("payload_bytes", message.getPayload().length).put("at", clock.instant());
        if (!p.errors().isEmpty()) {
            o.put("errors", p.errors().stream().map(e -> (Object) Json.obj().put("field", e.field())
                    .put("detail", e.detail())).toList());
        }
        try {
            client.publish(config.errorTopic(), o.build().toString().getBytes(StandardCharsets.UTF_8), 0, false);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT ingest: publishing a problem report failed", e);
        }
    }

    private boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(MqttException e) {
        return e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public JsonObject snapshot() {
        return Json.obj().put("status", state).put("broker", config.url())
                .put("client_id", config.clientId()).put("topics", config.topics()).put("qos", config.qos())
                .put("error_topic", config.errorTopic().isEmpty() ? null : config.errorTopic())
                .put("messages_committed", (long) committed.count()).put("messages_rejected", (long) rejected.count())
                .put("samples", samples.get()).put("events", events.get()).put("last_message_at", lastMessageAt)
                .put("last_rejection", lastRejection).put("last_error", lastError).build();
    }

    /** Stops: disconnects (unacknowledged messages stay with the broker) and releases the client. */
    @Override
    public void close() {
        running = false;
        connector.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT disconnect", e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "MQTT close", e);
        }
        state = "stopped";
    }
}
