package io.homepot.appliance.llm;

import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.models.response.Model;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes Ollama's version, installed models and loaded models.
 *
 * <p>Version and {@code /api/tags} go through ollama4j. {@code /api/ps} is read with the JDK HTTP
 * client: ollama4j 1.1.0's {@code ModelProcess} rejects unknown fields, and current Ollama adds
 * {@code context_length} to each entry, so {@code OllamaAPI.ps()} fails against real servers.
 */
final class OllamaStatusProbe {

    private final URI url;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient http;
    private final OllamaAPI api;

    OllamaStatusProbe(URI url, Duration timeout, ExecutorService executor) {
        this.url = url;
        this.timeout = timeout;
        this.executor = executor;
        this.api = new OllamaAPI(url.toString());
        api.setVerbose(false);
        api.setRequestTimeoutSeconds(Math.max(1, (timeout.toMillis() + 999) / 1000));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * A probe outcome.
     *
     * @param status        the snapshot
     * @param cannotConnect true when the failure was a refused/failed TCP connect (not a slow or odd answer)
     */
    record Outcome(LlmStatus status, boolean cannotConnect) {
    }

    /** Runs the probe within {@code timeout}; never throws. */
    Outcome probe() throws InterruptedException {
        Instant now = Instant.now();
        Future<LlmStatus> f;
        try {
            f = executor.submit(this::probeUnbounded);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return new Outcome(down(now, "LLM client is closed"), false);
        }
        try {
            return new Outcome(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS), false);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(down(now, "no answer within " + timeout.toMillis() + " ms"), false);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            boolean connect = false;
            for (Throwable t = c; t != null; t = t.getCause()) {
                connect |= t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException;
            }
            return new Outcome(down(now, c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage())), connect);
        }
    }

    /** Names of installed models, fetched now (used to tell "model not found" from other errors). */
    Set<String> installedModelNames() throws Exception {
        Set<String> names = new HashSet<>();
        for (Model m : api().listModels()) {
            names.add(m.getName());
            if (m.getModel() != null) {
                names.add(m.getModel());
            }
        }
        return names;
    }

    private LlmStatus probeUnbounded() throws Exception {
        Instant now = Instant.now();
        OllamaAPI api = api();
        String version = api.getVersion();
        List<LlmStatus.LoadedModel> loaded = loadedModels();
        Set<String> loadedNames = new HashSet<>();
        loaded.forEach(l -> loadedNames.add(l.name()));
        List<LlmStatus.ModelInfo> available = new ArrayList<>();
        for (Model m : api.listModels()) {
            String pSize = m.getModelMeta() == null ? null : m.getModelMeta().getParameterSize();
            String quant = m.getModelMeta() == null ? null : m.getModelMeta().getQuantizationLevel();
            available.add(new LlmStatus.ModelInfo(m.getName(), m.getSize(), LlmStatus.humanSize(m.getSize()), pSize,
                    quant, loadedNames.contains(m.getName()) ? "loaded" : "ready"));
        }
        available.sort(Comparator.comparing(LlmStatus.ModelInfo::name));
        return new LlmStatus(true, url.toString(), version, available, loaded, now, null);
    }

    private List<LlmStatus.LoadedModel> loadedModels() throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/ps")).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("/api/ps answered HTTP " + resp.statusCode());
        }
        List<LlmStatus.LoadedModel> out = new ArrayList<>();
        try (JsonReader r = Json.createReader(new StringReader(resp.body()))) {
            JsonObject root = r.readObject();
            for (JsonValue v : root.getJsonArray("models") == null ? List.<JsonValue>of() : root.getJsonArray("models")) {
                JsonObject m = v.asJsonObject();
                long size = m.getJsonNumber("size") == null ? -1 : m.getJsonNumber("size").longValue();
                long vram = m.getJsonNumber("size_vram") == null ? -1 : m.getJsonNumber("size_vram").longValue();
                out.add(new LlmStatus.LoadedModel(m.getString("name", m.getString("model", "?")), size,
                        LlmStatus.humanSize(size), vram, LlmStatus.humanSize(vram), m.getString("expires_at", null)));
            }
        } catch (RuntimeException e) {
            throw new IOException("/api/ps body is not the expected JSON: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(LlmStatus.LoadedModel::name));
        return out;
    }

    private OllamaAPI api() {
        return api;
    }

    private LlmStatus down(Instant at, String why) {
        return new LlmStatus(false, url.toString(), null, List.of(), List.of(), at, why);
    }
}
