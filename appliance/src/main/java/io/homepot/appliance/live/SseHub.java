package io.homepot.appliance.live;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out of server-sent events to connected clients. Each client has a bounded queue of ready-made frames; a
 * client that falls {@link #QUEUE} frames behind is disconnected (the browser reconnects and reloads) rather than
 * slowing publishers down. Publishing never blocks.
 */
public final class SseHub implements AutoCloseable {
    /** Frames buffered per client. */
    public static final int QUEUE = 512;
    private static final String CLOSE = "\u0000close";

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final int maxClients;
    private final Duration pingEvery;
    private volatile boolean closed;

    /**
     * @param maxClients most simultaneous streams
     * @param pingEvery  how often an idle stream gets a {@code : ping} comment
     */
    public SseHub(int maxClients, Duration pingEvery) {
        this.maxClients = maxClients;
        this.pingEvery = pingEvery;
    }

    public static SseHub defaults() {
        return new SseHub(64, Duration.ofSeconds(15));
    }

    public Duration pingEvery() {
        return pingEvery;
    }

    /** One connected stream. */
    public final class Client {
        private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean gone;

        /** The next frame, or null after {@code timeout} with nothing to send; {@link #gone()} after close. */
        public String next(Duration timeout) throws InterruptedException {
            String f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (CLOSE.equals(f)) {
                gone = true;
                return null;
            }
            return f;
        }

        public boolean gone() {
            return gone || closed;
        }

        void offer(String frame) {
            if (!frames.offer(frame)) {
                gone = true;
                frames.clear();
                frames.offer(CLOSE);
                clients.remove(this);
            }
        }
    }

    /** Registers a client, or returns null when the hub is closed or full. */
    public Client connect() {
        if (closed || clients.size() >= maxClients) {
            return null;
        }
        Client c = new Client();
        clients.add(c);
        return c;
    }

    public void disconnect(Client c) {
        if (c != null) {
            clients.remove(c);
        }
    }

    public int clients() {
        return clients.size();
    }

    /** Queues {@code event} with one line of JSON {@code data} for every client. */
    public void publish(String event, String data) {
        String frame = "event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
        for (Client c : clients) {
            c.offer(frame);
        }
    }

    /** Ends every stream. */
    @Override
    public void close() {
        closed = true;
        for (Client c : clients) {
            c.frames.clear();
            c.frames.offer(CLOSE);
        }
        clients.clear();
    }
}
