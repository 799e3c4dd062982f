package io.homepot.appliance.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the local LLM client (Ollama). Immutable; validated on construction with messages
 * that name the offending setting and value.
 *
 * <p>Defaults follow the seed's {@code ai_service} block: URL {@code http://localhost:11434},
 * default model {@code llama3.2:3b}, tiers fast {@code phi3.5:3.8b} / balanced {@code llama3.2:3b} /
 * accurate {@code mistral:7b}, timeout 30 s, 3 retries.
 *
 * @param url                  Ollama base URL (http or https, no query)
 * @param defaultModel         model used when a request names none
 * @param fastModel            model behind the {@code fast} alias
 * @param balancedModel        model behind the {@code balanced} alias
 * @param accurateModel        model behind the {@code accurate} alias
 * @param timeout              limit for waiting in the model queue and, separately, for each HTTP attempt
 * @param maxRetries           extra attempts after a connection error or HTTP 5xx (0..10)
 * @param retryBackoff         first backoff; doubles on each retry
 * @param keepAlive            Ollama {@code keep_alive} sent with each generation ("10m", "-1", "0", "3600")
 * @param queueCapacity        requests allowed to wait per model behind the one generating (>= 1)
 * @param statusTimeout        limit for one {@link LlmService#status()} probe
 * @param statusCacheTtl       how long a status probe result is reused
 * @param unreachableCooldown  after Ollama was found unreachable, generations fail fast for this long
 */
public record LlmConfig(
        URI url,
        String defaultModel,
        String fastModel,
        String balancedModel,
        String accurateModel,
        Duration timeout,
        int maxRetries,
        Duration retryBackoff,
        String keepAlive,
        int queueCapacity,
        Duration statusTimeout,
        Duration statusCacheTtl,
        Duration unreachableCooldown) {

    /** Default Ollama URL. */
    public static final String DEFAULT_URL = "http://localhost:11434";
    /** Environment variable overriding the URL, as in the seed's deployment. */
    public static final String ENV_URL = "OLLAMA_URL";

    private static final Pattern KEEP_ALIVE =
            Pattern.compile("-?\\d+|-?(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");

    /** Validates every field. */
    public LlmConfig {
        Objects.requireNonNull(url, "llm.url must be set");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("llm.url must be an absolute http(s) URL with a host, got '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("llm.url must not have a query or fragment, got '" + url + "'");
        }
        defaultModel = requireModel("llm.default_model", defaultModel);
        fastModel = requireModel("llm.models.fast", fastModel);
        balancedModel = requireModel("llm.models.balanced", balancedModel);
        accurateModel = requireModel("llm.models.accurate", accurateModel);
        requirePositive("llm.timeout", timeout);
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("llm.max_retries must be between 0 and 10, got " + maxRetries);
        }
        requirePositive("llm.retry_backoff", retryBackoff);
        Objects.requireNonNull(keepAlive, "llm.keep_alive must be set (e.g. \"10m\")");
        if (!KEEP_ALIVE.matcher(keepAlive).matches()) {
            throw new IllegalArgumentException("llm.keep_alive must be a number of seconds or a duration like"
                    + " \"10m\", \"1h30m\", \"-1\", got '" + keepAlive + "'");
        }
        if (queueCapacity < 1 || queueCapacity > 10_000) {
            throw new IllegalArgumentException("llm.queue_capacity must be between 1 and 10000, got " + queueCapacity);
        }
        requirePositive("llm.status_timeout", statusTimeout);
        requirePositive("llm.status_cache_ttl", statusCacheTtl);
        Objects.requireNonNull(unreachableCooldown, "llm.unreachable_cooldown must be set");
        if (unreachableCooldown.isNegative()) {
            throw new IllegalArgumentException("llm.unreachable_cooldown must be >= 0, got " + unreachableCooldown);
        }
        String s = url.toString();
        if (s.endsWith("/")) {
            url = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** The seed's defaults. */
    public static LlmConfig defaults() {
        return builder().build();
    }

    /**
     * Defaults, with {@code OLLAMA_URL} from {@code env} when present and not blank.
     *
     * @param env environment (usually {@code System.getenv()})
     */
    public static LlmConfig fromEnvAndDefaults(Map<String, String> env) {
        Builder b = builder();
        String url = env == null ? null : env.get(ENV_URL);
        if (url != null && !url.isBlank()) {
            try {
                b.url(URI.create(url.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV_URL + " is not a valid URL: '" + url + "'", e);
            }
        }
        return b.build();
    }

    /** A builder pre-filled with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Resolves a requested model: {@code null}/blank gives the default model; the aliases
     * {@code fast}, {@code balanced}, {@code accurate} give the configured tier; anything else is
     * returned stripped.
     */
    public String resolveModel(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultModel;
        }
        return switch (requested.strip().toLowerCase(Locale.ROOT)) {
            case "fast" -> fastModel;
            case "balanced" -> balancedModel;
            case "accurate" -> accurateModel;
            default -> requested.strip();
        };
    }

    /** True when {@code model} is one of the configured models (used to bound metric tag values). */
    public boolean isConfiguredModel(String model) {
        return model.equals(defaultModel) || model.equals(fastModel)
                || model.equals(balancedModel) || model.equals(accurateModel);
    }

    private static String requireModel(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must name a model such as \"llama3.2:3b\", got '" + value + "'");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + " must not contain whitespace, got '" + value + "'");
        }
        return value;
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name + " must be set");
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private URI url = URI.create(DEFAULT_URL);
        private String defaultModel = "llama3.2:3b";
        private String fastModel = "phi3.5:3.8b";
        private String balancedModel = "llama3.2:3b";
        private String accurateModel = "mistral:7b";
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRetries = 3;
        private Duration retryBackoff = Duration.ofMillis(100);
        private String keepAlive = "10m";
        private int queueCapacity = 16;
        private Duration statusTimeout = Duration.ofSeconds(2);
        private Duration statusCacheTtl = Duration.ofSeconds(5);
        private Duration unreachableCooldown = Duration.ofSeconds(10);

        private Builder() {
        }

        private Builder(LlmConfig c) {
            url = c.url;
            defaultModel = c.defaultModel;
            fastModel = c.fastModel;
            balancedModel = c.balancedModel;
            accurateModel = c.accurateModel;
            timeout = c.timeout;
            maxRetries = c.maxRetries;
            retryBackoff = c.retryBackoff;
            keepAlive = c.keepAlive;
            queueCapacity = c.queueCapacity;
            statusTimeout = c.statusTimeout;
            statusCacheTtl = c.statusCacheTtl;
            unreachableCooldown = c.unreachableCooldown;
        }

        public Builder url(URI v) { url = v; return this; }
        public Builder url(String v) { url = URI.create(v); return this; }
        public Builder defaultModel(String v) { defaultModel = v; return this; }
        public Builder fastModel(String v) { fastModel = v; return this; }
        public Builder balancedModel(String v) { balancedModel = v; return this; }
        public Builder accurateModel(String v) { accurateModel = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder retryBackoff(Duration v) { retryBackoff = v; return this; }
        public Builder keepAlive(String v) { keepAlive = v; return this; }
        public Builder queueCapacity(int v) { queueCapacity = v; return this; }
        public Builder statusTimeout(Duration v) { statusTimeout = v; return this; }
        public Builder statusCacheTtl(Duration v) { statusCacheTtl = v; return this; }
        public Builder unreachableCooldown(Duration v) { unreachableCooldown = v; return this; }

        public LlmConfig build() {
            return new LlmConfig(url, defaultModel, fastModel, balancedModel, accurateModel, timeout, maxRetries,
                    retryBackoff, keepAlive, queueCapacity, statusTimeout, statusCacheTtl, unreachableCooldown);
        }
    }
}
