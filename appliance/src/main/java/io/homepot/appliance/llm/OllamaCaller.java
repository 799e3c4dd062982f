package io.homepot.appliance.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ollama4j.OllamaAPI;
import io.github.ollama4j.exceptions.OllamaBaseException;
import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatRequestBuilder;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.generate.OllamaTokenHandler;
import io.github.ollama4j.utils.OptionsBuilder;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes exactly one {@code POST /api/chat} attempt through ollama4j 1.1.0 and classifies the outcome.
 *
 * <p>ollama4j only applies its timeout until the response headers arrive and reads the body with a
 * blocking stream, so a server that stalls mid-stream would block forever; the call therefore runs
 * on a worker thread that is interrupted when the (millisecond-precise) deadline passes.
 * ollama4j also hides the HTTP status code: 404/400/500 surface as {@link OllamaBaseException} with
 * the server's error text, other statuses as an empty message or a {@link NullPointerException}
 * inside the library; these are reported as {@link Kind#SERVER_ERROR} and refined by the caller.
 */
final class OllamaCaller {

    /** Classification of one attempt. */
    enum Kind { OK, CONNECTION, TIMEOUT, SERVER_ERROR, MALFORMED, OTHER }

    /** Result of one attempt. */
    record Attempt(Kind kind, String text, int promptEvalCount, int evalCount, String detail,
                   boolean tokensEmitted) {
    }

    private final String baseUrl;
    private final ExecutorService executor;

    /** One client per header-timeout value: the timeout is a mutable field of OllamaAPI, not per call. */
    private final Map<Long, OllamaAPI> apis = new ConcurrentHashMap<>();

    OllamaCaller(URI baseUrl, ExecutorService executor) {
        this.baseUrl = baseUrl.toString();
        this.executor = executor;
    }

    private OllamaAPI newApi(long timeoutSeconds) {
        OllamaAPI api = new OllamaAPI(baseUrl);
        api.setVerbose(false); // default true in 1.1.0: would log every prompt and answer at INFO
        api.setRequestTimeoutSeconds(timeoutSeconds);
        return api;
    }

    /**
     * One chat call.
     *
     * @param tokens receives content tokens in order when streaming, {@code null} for a single response
     */
    Attempt chat(String model, LlmRequest req, String keepAlive, Duration timeout, Consumer<String> tokens)
            throws InterruptedException {
        // Backstop for the header wait; ollama4j only takes whole seconds. The watchdog below is precise.
        OllamaAPI api = apis.computeIfAbsent(Math.max(1, (timeout.toMillis() + 999) / 1000) + 1, this::newApi);
        OllamaChatRequest chat = buildRequest(model, req, keepAlive);
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean emitted = new AtomicBoolean(false);
        OllamaTokenHandler handler = tokens == null ? null : chunk -> {
            OllamaChatMessage m = chunk.getMessage();
            if (live.get() && m != null && m.getThinking() == null && m.getContent() != null
                    && !m.getContent().isEmpty()) {
                emitted.set(true);
                tokens.accept(m.getContent());
            }
        };
        Future<OllamaChatResult> f;
        try {
            f = executor.submit(() -> handler == null ? api.chat(chat) : api.chatStreaming(chat, handler));
        } catch (RejectedExecutionException e) {
            return new Attempt(Kind.OTHER, "", -1, -1, "LLM client is closed", false);
        }
        try {
            OllamaChatResult result = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return fromResult(result, emitted.get());
        } catch (TimeoutException e) {
            live.set(false);
            f.cancel(true);
            return new Attempt(Kind.TIMEOUT, "", -1, -1, "no complete answer within " + timeout.toMillis() + " ms",
                    emitted.get());
        } catch (ExecutionException e) {
            return classify(e.getCause(), emitted.get());
        } catch (InterruptedException e) {
            live.set(false);
            f.cancel(true);
            throw e;
        }
    }

    private static OllamaChatRequest buildRequest(String model, LlmRequest req, String keepAlive) {
        OllamaChatRequestBuilder b = OllamaChatRequestBuilder.getInstance(model);
        if (!req.system().isEmpty()) {
            b.withMessage(OllamaChatMessageRole.SYSTEM, req.system());
        }
        b.withMessage(OllamaChatMessageRole.USER, req.prompt());
        b.withKeepAlive(keepAlive);
        if (req.jsonFormat()) {
            b.withGetJsonResponse();
        }
        if (req.temperature() != null || req.seed() != null || req.maxTokens() != null) {
            OptionsBuilder o = new OptionsBuilder();
            if (req.temperature() != null) {
                o.setTemperature(req.temperature().floatValue());
            }
            if (req.seed() != null) {
                o.setSeed(req.seed());
            }
            if (req.maxTokens() != null) {
                o.setNumPredict(req.maxTokens());
            }
            b.withOptions(o.build());
        }
        return b.build();
    }

    private static Attempt fromResult(OllamaChatResult result, boolean emitted) {
        OllamaChatResponseModel m = result == null ? null : result.getResponseModel();
        if (m == null) {
            return new Attempt(Kind.MALFORMED, "", -1, -1, "empty response body", emitted);
        }
        if (m.getError() != null) {
            return new Attempt(Kind.SERVER_ERROR, "", -1, -1, "ollama error: " + m.getError(), emitted);
        }
        if (!m.isDone()) {
            return new Attempt(Kind.MALFORMED, "", -1, -1, "response ended before done=true (truncated)", emitted);
        }
        if (m.getMessage() == null || m.getMessage().getContent() == null) {
            return new Attempt(Kind.MALFORMED, "", -1, -1, "response has no message content", emitted);
        }
        return new Attempt(Kind.OK, m.getMessage().getContent(),
                m.getPromptEvalCount() == null ? -1 : m.getPromptEvalCount(),
                m.getEvalCount() == null ? -1 : m.getEvalCount(), null, emitted);
    }

    private static Attempt classify(Throwable t, boolean emitted) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return new Attempt(Kind.MALFORMED, "", -1, -1, "unparseable JSON from Ollama: "
                        + firstLine(j.getOriginalMessage()), emitted);
            }
            if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException) {
                return new Attempt(Kind.CONNECTION, "", -1, -1, "cannot connect: " + describe(c), emitted);
            }
            if (c instanceof HttpTimeoutException) {
                return new Attempt(Kind.TIMEOUT, "", -1, -1, "no response headers within timeout", emitted);
            }
            if (c instanceof OllamaBaseException o) {
                String msg = o.getMessage() == null || o.getMessage().isBlank()
                        ? "non-200 status without error text" : o.getMessage();
                return new Attempt(Kind.SERVER_ERROR, "", -1, -1, "ollama error: " + firstLine(msg), emitted);
            }
            if (c instanceof NullPointerException) {
                // ollama4j 1.1.0 dereferences "message" of {"error": ...} objects (5xx bodies, error lines in a stream)
                return new Attempt(Kind.SERVER_ERROR, "", -1, -1,
                        "ollama returned an error object instead of a chat chunk", emitted);
            }
        }
        if (t instanceof IOException) {
            return new Attempt(Kind.CONNECTION, "", -1, -1, "connection failed: " + describe(t), emitted);
        }
        return new Attempt(Kind.OTHER, "", -1, -1, "unexpected client failure: " + describe(t), emitted);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : " " + firstLine(m));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
