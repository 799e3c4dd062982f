package io.homepot.appliance.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.homepot.appliance.api.Json;
import io.homepot.appliance.api.ProblemException;
import io.homepot.appliance.config.LimitsConfig;
import io.homepot.appliance.ingest.IngestPipeline;
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
 * <p>Messages are taken off paho's thread into a bounded queue ({@value #MAX_WAITING}; when it is full paho, and so
 * the broker, waits) and stored by one ingest thread in groups: what arrived while the previous group was being
 * stored, each message validated on its own, the valid ones committed together ({@link MessageStore}), then
 * acknowledged in arrival order.</p>
 *
 * <p>The first connection is made in the background, retried until the broker answers; later losses reconnect
 * automatically. State and counters are the {@code mqtt} section of {@code GET /api/ai/status}.</p>
 */
public final class MqttIngest implements StatusContributor, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttIngest.class.getName());
    private static final long FIRST_RETRY_MS = 500;
    /** Messages taken in one group (the broker's in-flight window usually holds fewer). */
    static final int MAX_GROUP = 500;
    /** Messages waiting for the ingest thread before paho (and so the broker) is held back. */
    static final int MAX_WAITING = 5_000;

    private final MqttConfig config;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final Thread connector;
    private final Thread ingester;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>(MAX_WAITING);
    private final MessageStore store;
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
        this.store = new MessageStore(pipeline, limits, failure -> lastError = failure);
        this.connector = Thread.ofPlatform().name("homepot-mqtt-connect").daemon().unstarted(this::connectLoop);
        this.ingester = Thread.ofPlatform().name("homepot-mqtt-ingest").daemon().unstarted(this::ingestLoop);
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
            m.ingester.start();
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
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            arrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // only problem reports are published (QoS 0)
        }
    }

    /** A message as it arrived, with the session it arrived on (its id is only valid there). */
    private record Arrival(String topic, MqttMessage message, int session) {
    }

    /** Takes the messages off paho's thread: ingest works on its own thread, in groups. */
    private void arrived(String topic, MqttMessage message) throws InterruptedException {
        lastMessageAt = clock.instant();
        arrivals.put(new Arrival(topic, message, session.get())); // full: paho waits, so does the broker
    }

    /** Drains the arrivals in groups (what arrived while the last group was stored) until stopped. */
    private void ingestLoop() {
        List<Arrival> group = new ArrayList<>();
        while (running) {
            try {
                Arrival first = arrivals.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                arrivals.drainTo(group, MAX_GROUP - 1);
                handle(group);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "MQTT ingest: a group of " + group.size() + " message(s) failed", e);
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Stores a group (see the class comment for when a message is acknowledged) and acknowledges its messages in
     * arrival order, as MQTT requires.
     */
    private void handle(List<Arrival> group) {
        List<MessageStore.Outcome> outcomes = store.store(group.stream().map(a -> a.message().getPayload()).toList(),
                () -> running && group.stream().allMatch(a -> a.session() == session.get()));
        for (int i = 0; i < group.size(); i++) {
            Arrival a = group.get(i);
            MessageStore.Outcome o = outcomes.get(i);
            if (o.rejected() != null) {
                rejected.increment();
                lastRejection = a.topic() + ": " + o.rejected().getMessage();
                report(a.topic(), a.message(), o.rejected());
            } else if (o.stored() != null) {
                samples.addAndGet(o.stored().samples());
                events.addAndGet(o.stored().events());
                committed.increment();
            } else {
                continue; // not stored: stopping, or the broker redelivers it on the new session
            }
            ack(a.message(), a.session());
        }
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
                .put("samples", samples.get()).put("events", events.get()).put("waiting", arrivals.size())
                .put("last_message_at", lastMessageAt)
                .put("last_rejection", lastRejection).put("last_error", lastError).build();
    }

    /** Stops: disconnects (unacknowledged messages stay with the broker) and releases the client. */
    @Override
    public void close() {
        running = false;
        connector.interrupt();
        ingester.interrupt();
        try {
            ingester.join(5_000); // a group being committed finishes (and is acknowledged) before the disconnect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
