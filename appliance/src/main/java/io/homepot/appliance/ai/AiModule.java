package io.homepot.appliance.ai;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import io.homepot.appliance.Appliance;
import io.homepot.appliance.ai.facts.CachedForecastSource;
import io.homepot.appliance.ai.facts.FactSheetBuilder;
import io.homepot.appliance.ai.facts.ForecastSource;
import io.homepot.appliance.ai.facts.HealthSource;
import io.homepot.appliance.ai.facts.HourlyForecastSource;
import io.homepot.appliance.ai.facts.ScoringHealthSource;
import io.homepot.appliance.ai.facts.SimilarIncidents;
import io.homepot.appliance.ai.facts.StatsDao;
import io.homepot.appliance.ai.facts.StoreSimilarIncidents;
import io.homepot.appliance.ai.facts.StoredHealthSource;
import io.homepot.appliance.ai.insights.InsightStore;
import io.homepot.appliance.ai.narrate.DeterministicNarrator;
import io.homepot.appliance.ai.narrate.LlmNarrator;
import io.homepot.appliance.ai.narrate.Narrator;
import io.homepot.appliance.ai.narrate.Recommender;
import io.homepot.appliance.ai.query.QueryParser;
import io.homepot.appliance.llm.LlmService;
import io.homepot.appliance.store.Stores;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires the AI service. {@link #install} mounts {@link AiService} at {@code /api/ai} and adds the Ollama
 * fields to {@code /api/ai/status}. Replaceable parts (scoring health, forecaster, similar incidents)
 * are set on the {@link Builder}; reports reuse {@link #context()} ({@code facts()}, {@code narrator()}).
 */
public final class AiModule {
    /** How long a device's forecasts are reused. */
    public static final java.time.Duration FORECAST_TTL = java.time.Duration.ofMinutes(10);
    /** How often the LLM's reachability is probed in the background. */
    public static final java.time.Duration LLM_PROBE_EVERY = java.time.Duration.ofSeconds(5);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AiModule.class.getName());

    private final AiContext context;
    private final AiService service;
    private io.homepot.appliance.ai.report.ReportModule reports;

    private AiModule(AiContext context) {
        this.context = context;
        this.service = new AiService(context);
    }

    public AiContext context() {
        return context;
    }

    public AiService service() {
        return service;
    }

    /** The report module mounted by {@link #install} ({@code null} before). */
    public io.homepot.appliance.ai.report.ReportModule reports() {
        return reports;
    }

    /**
     * Mounts the service and status contributor on {@code app} (before the server is built) and starts two
     * background jobs, stopped when the appliance closes: a reachability probe of Ollama every
     * {@link #LLM_PROBE_EVERY} (so requests fail fast instead of discovering an absent Ollama themselves)
     * and a forecast warm-up of every device every {@link #FORECAST_TTL}.
     */
    public void install(Appliance app) {
        install(app, io.homepot.appliance.ai.report.ReportConfig.load(System.getenv()));
    }

    /**
     * Same as {@link #install(Appliance)} with explicit report settings: also mounts the report endpoints and
     * starts the scheduled site reports ({@link io.homepot.appliance.ai.report.ReportModule}; incident reports
     * need {@code reports().subscribe(scoring.bus())}).
     */
    public void install(Appliance app, io.homepot.appliance.ai.report.ReportConfig reportConfig) {
        app.addService("/api/ai", service);
        reports = io.homepot.appliance.ai.report.ReportModule.install(app, context, reportConfig).start();
        java.util.concurrent.ScheduledExecutorService jobs = java.util.concurrent.Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().daemon().name("homepot-ai-", 0).factory());
        app.onClose(jobs::shutdownNow);
        if (context.llm() != null) {
            app.addStatusContributor(new AiStatusContributor(context.llm(), context.cache()));
            LlmService llm = context.llm();
            jobs.scheduleWithFixedDelay(() -> {
                try {
                    llm.probe();
                } catch (RuntimeException e) {
                    LOG.log(java.util.logging.Level.FINE, "LLM probe failed", e);
                }
            }, 0, LLM_PROBE_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (context.facts().forecaster() instanceof io.homepot.appliance.ai.facts.CachedForecastSource cached) {
            jobs.scheduleWithFixedDelay(() -> {
                try {
                    List<io.homepot.appliance.store.Device> all = context.stores().devices()
                            .list(new io.homepot.appliance.store.DeviceQuery(null, null, null, null, 100_000, 0)).items();
                    cached.warm(context.facts(), all, 24);
                } catch (RuntimeException e) {
                    LOG.log(java.util.logging.Level.WARNING, "Forecast warm-up failed", e);
                }
            }, 0, FORECAST_TTL.toMillis() / 2, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The production wiring used by {@code Main}: an {@link LlmService} on the appliance's Ollama URL
     * ({@code OLLAMA_URL}) with the seed's defaults, {@link AiConfig#fromEnv} settings, health from the scoring
     * engine and similar incidents from the vector index (both nullable: store-backed fallbacks), installed on
     * {@code app}. Returns the module so reports can reuse its context.
     */
    public static AiModule installDefault(Appliance app,
                                          LongFunction<Optional<io.homepot.appliance.scoring.DeviceHealth>> scoringHealth,
                                          SimilarIncidents similar) {
        LlmService llm = new LlmService(io.homepot.appliance.llm.LlmConfig.builder().url(app.config().ollamaUrl()).build(),
                app.meterRegistry());
        app.onClose(llm);
        Builder b = builder(app.stores(), app.meterRegistry()).llm(llm).config(AiConfig.fromEnv(System.getenv()))
                .clock(app.clock()).similarIncidents(similar);
        if (scoringHealth != null) {
            b.scoringHealth(scoringHealth);
        }
        AiModule m = b.build();
        m.install(app);
        return m;
    }

    public static Builder builder(Stores stores, MeterRegistry registry) {
        return new Builder(stores, registry);
    }

    /** Builder with the store-backed defaults. */
    public static final class Builder {
        private final Stores stores;
        private final MeterRegistry registry;
        private AiConfig config = AiConfig.defaults();
        private LlmService llm;
        private Clock clock = Clock.systemUTC();
        private HealthSource health;
        private ForecastSource forecasts;
        private SimilarIncidents similar;

        private Builder(Stores stores, MeterRegistry registry) {
            this.stores = stores;
            this.registry = registry;
        }

        public Builder config(AiConfig c) { config = c; return this; }

        /** The LLM client; without one every answer is the deterministic narrative ({@code llm.status = disabled}). */
        public Builder llm(LlmService l) { llm = l; return this; }

        public Builder clock(Clock c) { clock = c; return this; }

        public Builder health(HealthSource h) { health = h; return this; }

        /** Health from the scoring engine ({@code engine::health}), falling back to stored values. */
        public Builder scoringHealth(LongFunction<Optional<io.homepot.appliance.scoring.DeviceHealth>> engine) {
            health = new ScoringHealthSource(engine);
            return this;
        }

        public Builder forecasts(ForecastSource f) { forecasts = f; return this; }

        /** The similar-incident finder (the vector index replaces the store-backed default). */
        public Builder similarIncidents(SimilarIncidents s) { similar = s; return this; }

        public AiModule build() {
            StatsDao dao = new StatsDao(stores.db());
            FactSheetBuilder facts = new FactSheetBuilder(stores, dao, health != null ? health : new StoredHealthSource(),
                    forecasts != null ? forecasts : new CachedForecastSource(new HourlyForecastSource(stores.samples()),
                            FORECAST_TTL),
                    similar != null ? similar : new StoreSimilarIncidents(stores.db()), clock);
            DeterministicNarrator det = new DeterministicNarrator(config);
            Narrator narrator = llm == null ? det : new LlmNarrator(llm, det, config);
            AnswerCache cache = new AnswerCache(config.cacheTtl(), config.cacheMaxEntries(), registry);
            return new AiModule(new AiContext(config, stores, dao, facts, new QueryParser(), narrator, new Recommender(),
                    cache, new ModePreferences(stores.users()), new InsightStore(stores.db()), llm));
        }
    }
}
