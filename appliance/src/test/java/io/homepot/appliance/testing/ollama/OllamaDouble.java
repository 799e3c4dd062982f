package io.homepot.appliance.testing.ollama;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that speaks Ollama's documented API, for tests and the bench.
 *
 * <p>Endpoints: {@code POST /api/chat}, {@code POST /api/generate} (stream true: NDJSON chunks ending
 * with {@code done: true} and the timing fields; stream false: one object; {@code format} honoured),
 * {@code GET /api/tags}, {@code GET /api/ps}, {@code GET /api/version}, {@code GET /}. Unknown models
 * get {@code 404 {"error":"model 'x' not found"}}.
 *
 * <p>Scriptable (all setters are thread-safe and take effect for the next request): installed models,
 * reply text or function, latency before the first byte, delay between chunks, one-shot or sticky
 * {@link OllamaFault}s. Every request is recorded verbatim ({@link #requests()}).
 */
public final class OllamaDouble implements AutoCloseable {

    static {
        // com.sun.net.httpserver leaves Nagle on by default; with small NDJSON chunks that adds
        // delayed-ACK stalls that a real Ollama (Go net/http, TCP_NODELAY) does not have.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    final List<ModelSpec> models = new CopyOnWriteArrayList<>(ModelSpec.seedModels());
    final Map<String, Instant> loaded = new ConcurrentHashMap<>();
    final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<OllamaFault> oneShotFaults = new ConcurrentLinkedQueue<>();
    private volatile OllamaFault stickyFault;
    volatile Function<RecordedRequest, String> reply =
            r -> "All monitored devices are operating within their normal ranges.";
    volatile Function<RecordedRequest, Duration> latency = r -> Duration.ZERO;
    volatile boolean serializePerModel;
    final Map<String, java.util.concurrent.locks.ReentrantLock> modelLocks = new ConcurrentHashMap<>();
    volatile Duration tokenDelay = Duration.ZERO;
    volatile Duration metadataLatency = Duration.ZERO;
    volatile Duration hangFor = Duration.ofSeconds(60);
    volatile String version = "0.5.1";
    private volatile boolean recording = true;

    private OllamaDouble(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        GenerationEndpoint generation = new GenerationEndpoint(this);
        server.createContext("/", ex -> route(ex, generation));
        server.start();
    }

    /** Starts on a free loopback port. */
    public static OllamaDouble start() throws IOException {
        return new OllamaDouble(0);
    }

    /** Starts on {@code port} (0 = any free port). */
    public static OllamaDouble start(int port) throws IOException {
        return new OllamaDouble(port);
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Replaces the installed models. */
    public OllamaDouble models(List<ModelSpec> specs) {
        models.clear();
        models.addAll(specs);
        return this;
    }

    /** A fixed reply (split into word tokens when streaming). */
    public OllamaDouble reply(String text) {
        return replyWith(r -> text);
    }

    /** Reply computed from the request, e.g. {@code r -> "You asked: " + r.userText()}. */
    public OllamaDouble replyWith(Function<RecordedRequest, String> f) {
        reply = f;
        return this;
    }

    /** Delay before response headers (simulates generation time). */
    public OllamaDouble latency(Duration d) {
        return latencyWith(r -> d);
    }

    /** Per-request delay before response headers, e.g. by model or prompt size. */
    public OllamaDouble latencyWith(Function<RecordedRequest, Duration> f) {
        latency = f;
        return this;
    }

    /**
     * Like Ollama's default {@code OLLAMA_NUM_PARALLEL=1}: one generation per model at a time, others
     * wait (off by default so tests can observe the appliance's own queue).
     */
    public OllamaDouble serializePerModel(boolean on) {
        serializePerModel = on;
        return this;
    }

    /** Delay before answering {@code /api/tags}, {@code /api/ps} and {@code /api/version} (slow status probes). */
    public OllamaDouble metadataLatency(Duration d) {
        metadataLatency = d;
        return this;
    }

    /** Delay between streamed chunks. */
    public OllamaDouble tokenDelay(Duration d) {
        tokenDelay = d;
        return this;
    }

    /** How long {@link OllamaFault#HANG} / {@link OllamaFault#STALL_MID_STREAM} hold (released by close()). */
    public OllamaDouble hangFor(Duration d) {
        hangFor = d;
        return this;
    }

    public OllamaDouble version(String v) {
        version = v;
        return this;
    }

    /** Turns request recording on/off (off for long bench runs, so memory stays flat). */
    public OllamaDouble recording(boolean on) {
        recording = on;
        return this;
    }

    /** Faults for the next generation requests, one each, in order. */
    public OllamaDouble failNext(OllamaFault... faults) {
        oneShotFaults.addAll(List.of(faults));
        return this;
    }

    /** A fault for every generation request until cleared with {@code null}. */
    public OllamaDouble failAlways(OllamaFault fault) {
        stickyFault = fault;
        return this;
    }

    /** Marks a model as loaded (visible in {@code /api/ps}) for {@code keepAlive}. */
    public OllamaDouble load(String model, Duration keepAlive) {
        loaded.put(model, Instant.now().plus(keepAlive));
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** Requests to {@code path} (e.g. {@code /api/chat}). */
    public List<RecordedRequest> requests(String path) {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The latest generation request ({@code /api/chat} or {@code /api/generate}). */
    public Optional<RecordedRequest> lastGeneration() {
        for (int i = recorded.size() - 1; i >= 0; i--) {
            RecordedRequest r = recorded.get(i);
            if (r.path().equals("/api/chat") || r.path().equals("/api/generate")) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Clears recordings, faults, loaded models and timing; keeps installed models. */
    public OllamaDouble reset() {
        recorded.clear();
        oneShotFaults.clear();
        stickyFault = null;
        loaded.clear();
        latency = r -> Duration.ZERO;
        tokenDelay = Duration.ZERO;
        metadataLatency = Duration.ZERO;
        return this;
    }

    OllamaFault nextFault() {
        OllamaFault f = oneShotFaults.poll();
        return f != null ? f : stickyFault;
    }

    boolean installed(String model) {
        return spec(model) != null;
    }

    ModelSpec spec(String model) {
        if (model == null) {
            return null;
        }
        String m = model.contains(":") ? model : model + ":latest";
        for (ModelSpec s : models) {
            if (s.name().equals(m) || s.name().equals(model)) {
                return s;
            }
        }
        return null;
    }

    /** Sleeps {@code d}, returning early (false) when the double closes. */
    boolean pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        try {
            return !closed.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void route(HttpExchange ex, GenerationEndpoint generation) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            RecordedRequest rec = new RecordedRequest(method, path, body, Instant.now());
            if (recording) {
                recorded.add(rec);
            }
            switch (path) {
                case "/" -> send(ex, 200, "text/plain; charset=utf-8", "Ollama is running");
                case "/api/version" -> get(ex, () -> Json.createObjectBuilder().add("version", version).build());
                case "/api/tags" -> get(ex, () -> ModelEndpoints.tags(this));
                case "/api/ps" -> get(ex, () -> ModelEndpoints.ps(this));
                case "/api/chat", "/api/generate" -> {
                    if (!method.equals("POST")) {
                        send(ex, 405, "text/plain", "405 method not allowed");
                    } else {
                        generation.handle(ex, rec, path.equals("/api/chat"));
                    }
                }
                default -> send(ex, 404, "text/plain", "404 page not found");
            }
        } catch (IOException e) {
            // client went away (e.g. timed out); nothing to do
        }
    }

    private void get(HttpExchange ex, java.util.function.Supplier<JsonObject> body) throws IOException {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            send(ex, 405, "text/plain", "405 method not allowed");
            return;
        }
        if (pause(metadataLatency)) {
            sendJson(ex, 200, body.get());
        }
    }

    static void sendJson(HttpExchange ex, int status, JsonObject body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", body.toString());
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    /** Stops the server and releases hanging handlers. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Standalone double for the bench: {@code OllamaDouble [port] [--latency-ms=N] [--token-delay-ms=N]
     * [--reply=TEXT] [--echo] [--serialize]}. Port defaults to 11434. Runs until killed.
     */
    public static void main(String[] args) throws Exception {
        int port = 11434;
        OllamaDouble d = null;
        List<String> opts = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                opts.add(a);
            } else {
                port = Integer.parseInt(a);
            }
        }
        d = start(port);
        d.recording(false);
        for (String o : opts) {
            String v = o.contains("=") ? o.substring(o.indexOf('=') + 1) : "";
            if (o.startsWith("--latency-ms=")) {
                d.latency(Duration.ofMillis(Long.parseLong(v)));
            } else if (o.startsWith("--token-delay-ms=")) {
                d.tokenDelay(Duration.ofMillis(Long.parseLong(v)));
            } else if (o.startsWith("--reply=")) {
                d.reply(v);
            } else if (o.equals("--serialize")) {
                d.serializePerModel(true);
            } else if (o.equals("--echo")) {
                d.replyWith(r -> "Echo: " + r.userText().substring(0, Math.min(200, r.userText().length())));
            } else {
                throw new IllegalArgumentException("unknown option " + o);
            }
        }
        System.out.println("Ollama double listening on " + d.baseUrl());
        d.closed.await();
    }
}
