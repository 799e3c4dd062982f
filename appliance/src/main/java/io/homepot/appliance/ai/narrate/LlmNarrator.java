package io.homepot.appliance.ai.narrate;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.homepot.appliance.ai.AiConfig;
import io.homepot.appliance.ai.facts.FactSheets;
import io.homepot.appliance.llm.LlmBusyException;
import io.homepot.appliance.llm.LlmRequest;
import io.homepot.appliance.llm.LlmResult;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.llm.prompt.FactSheet;
import io.homepot.appliance.llm.prompt.Prompt;
import io.homepot.appliance.llm.prompt.PromptBuilder;

/**
 * Asks the local LLM to narrate the fact sheet (system prompt = the mode's byte-stable prompt, user
 * message = {@code <facts>} block then the task), verifies the answer against the facts, and falls back
 * to the {@link DeterministicNarrator} when the model is unavailable, times out, errs or returns
 * nothing usable. Only {@link LlmBusyException} escapes (the HTTP layer answers 503 + Retry-After).
 */
public final class LlmNarrator implements Narrator {
    /** Devices put into one fact sheet. */
    public static final int SHEET_DEVICES = 8;

    private final LlmService llm;
    private final DeterministicNarrator fallback;
    private final AiConfig config;
    private final PromptBuilder prompts = new PromptBuilder();
    private final GroundingVerifier verifier = new GroundingVerifier();

    public LlmNarrator(LlmService llm, DeterministicNarrator fallback, AiConfig config) {
        this.llm = llm;
        this.fallback = fallback;
        this.config = config;
    }

    /** The prompt that {@link #narrate} sends for {@code task} (also used to report prompt sizes). */
    public Prompt prompt(NarrationTask t) {
        String scope = t.facts().site() == null ? "appliance" : t.facts().site().name();
        if (t.focus().size() == 1) {
            scope = "device " + t.focus().getFirst().id();
        }
        FactSheet sheet = FactSheets.of(focusFirst(t), scope, SHEET_DEVICES, config);
        return prompts.build(t.mode(), sheet, task(t));
    }

    /**
     * The facts the model sees: the focus devices first, then (for site-wide answers) the other devices that
     * are not healthy, at most {@link #SHEET_DEVICES}; when nothing is in focus, the five least healthy.
     * Healthy devices outside the focus are summarised by the site figures only, and forecasts below risk
     * 0.2 are dropped outside single-device answers, which keeps site-wide prompts small.
     */
    private static io.homepot.appliance.ai.facts.Facts focusFirst(NarrationTask t) {
        java.util.List<io.homepot.appliance.ai.facts.DeviceFacts> ordered = new java.util.ArrayList<>(t.focus());
        java.util.List<io.homepot.appliance.ai.facts.DeviceFacts> rest = new java.util.ArrayList<>(t.facts().devices().stream()
                .filter(d -> ordered.stream().noneMatch(x -> x.id() == d.id())).toList());
        rest.sort(java.util.Comparator.comparingDouble(d -> d.health().score() == null ? 1.0 : d.health().score()));
        for (var d : rest) {
            boolean unhealthy = !"healthy".equals(d.status()) && !"unknown".equals(d.status());
            if (ordered.size() < SHEET_DEVICES && (unhealthy || t.focus().isEmpty() && ordered.size() < 5)) {
                ordered.add(d);
            }
        }
        boolean single = ordered.size() == 1;
        java.util.List<io.homepot.appliance.ai.facts.DeviceFacts> trimmed = ordered.stream().limit(SHEET_DEVICES)
                .map(d -> single ? d : new io.homepot.appliance.ai.facts.DeviceFacts(d.device(), d.typeName(), d.health(),
                        d.metrics(), d.uptimePct(), d.anomalyCount(), d.eventCount(), d.anomalies(),
                        d.forecasts().stream().filter(x -> x.riskScore() >= 0.2).toList()))
                .toList();
        var f = t.facts();
        return new io.homepot.appliance.ai.facts.Facts(f.site(), f.range(), trimmed, f.incidents(), f.siteSummary(),
                f.siteDevices(), f.generatedAt());
    }

    private static String task(NarrationTask t) {
        String ids = String.join(", ", t.focus().stream().limit(SHEET_DEVICES).map(d -> String.valueOf(d.id())).toList());
        return switch (t.kind()) {
            case QUERY -> t.question() + (ids.isEmpty() ? "" : "\n(The appliance matched the question to device ids: "
                    + ids + ".)");
            case ANALYZE -> "Analyse device " + ids + " over the period: its state, what happened and what to do.";
            case PREDICT -> "What is likely to happen to device " + ids + " over the forecast horizon, and what should"
                    + " be done before then?";
            case INSIGHTS -> "Summarise the site's health: the key findings, the predicted issues and the priorities.";
            case REPORT -> "Write the report for the period: summary, incidents, and recommendations.";
        };
    }

    @Override
    public Narration narrate(NarrationTask task) throws LlmBusyException {
        return run(task, null);
    }

    @Override
    public Narration narrate(NarrationTask task, Consumer<String> tokens) throws LlmBusyException {
        return run(task, tokens);
    }

    private Narration run(NarrationTask task, Consumer<String> tokens) throws LlmBusyException {
        var fast = llm.failFastResult(task.model());
        if (fast.isPresent()) { // Ollama known unreachable: no prompt to build (prompt_chars 0)
            LlmResult r = fast.get();
            Narration d = fallback.degraded(task, r.status().wireName(), r.errorDetail());
            if (tokens != null) {
                streamText(d.text(), tokens);
            }
            return new Narration(d.text(), d.status(), true, d.detail(), Narration.DETERMINISTIC, r.modelUsed(),
                    r.responseTimeMs(), 0, 0, d.verification());
        }
        Prompt p = prompt(task);
        LlmRequest req = p.toRequest().withModel(task.model());
        Duration timeout = config.llmTimeout();
        if (timeout != null) {
            req = req.withTimeout(timeout);
        }
        AtomicBoolean streamed = new AtomicBoolean();
        LlmResult r = tokens == null ? llm.generate(req) : llm.generateStreaming(req, s -> {
            streamed.set(true);
            tokens.accept(s);
        });
        int chars = p.system().length() + p.user().length();
        int promptTokens = r.promptEvalCount() > 0 ? r.promptEvalCount() : p.estimatedTokens();
        String status = r.status().wireName();
        if (r.ok() && r.text() != null && !r.text().isBlank()) {
            String text = r.text().strip();
            Verification v = verifier.verify(text, task.facts(), p.facts() + "\n" + String.join("\n", task.recommendations())
                    + "\n" + task.lead(), task.question());
            return new Narration(text, "ok", false, null, r.modelUsed(), r.modelUsed(), r.responseTimeMs(), chars,
                    promptTokens, v);
        }
        if (r.ok()) {
            status = "malformed";
        }
        String detail = r.ok() ? "the model returned an empty answer" : r.errorDetail();
        Narration d = fallback.degraded(task, status, detail);
        if (tokens != null) {
            if (streamed.get()) {
                tokens.accept("\n\n");
            }
            streamText(d.text(), tokens);
        }
        return new Narration(d.text(), status, true, detail, Narration.DETERMINISTIC, r.modelUsed(), r.responseTimeMs(),
                chars, promptTokens, d.verification());
    }

    private static void streamText(String text, Consumer<String> tokens) {
        for (String piece : text.split("(?<= )")) {
            tokens.accept(piece);
        }
    }
}
