package io.homepot.appliance.llm;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Snapshot of the Ollama server as seen by {@link LlmService#status()}.
 *
 * @param reachable       whether Ollama answered the probe
 * @param url             the configured Ollama URL
 * @param version         Ollama version ({@code /api/version}), {@code null} when unreachable
 * @param availableModels installed models ({@code /api/tags}), name-sorted
 * @param loadedModels    models loaded in memory ({@code /api/ps}), name-sorted
 * @param checkedAt       when the probe ran (a cached snapshot keeps its original time)
 * @param error           why the probe failed, else {@code null}
 */
public record LlmStatus(boolean reachable, String url, String version, List<ModelInfo> availableModels,
                        List<LoadedModel> loadedModels, Instant checkedAt, String error) {

    public LlmStatus {
        availableModels = List.copyOf(availableModels);
        loadedModels = List.copyOf(loadedModels);
    }

    /** {@code "running"} or {@code "unavailable"}, as in the seed's {@code ollama_status}. */
    public String ollamaStatus() {
        return reachable ? "running" : "unavailable";
    }

    /**
     * An installed model.
     *
     * @param status {@code "loaded"} when in {@code /api/ps}, else {@code "ready"}
     */
    public record ModelInfo(String name, long sizeBytes, String size, String parameterSize,
                            String quantizationLevel, String status) {
    }

    /** A model currently in memory. */
    public record LoadedModel(String name, long sizeBytes, String size, long sizeVramBytes, String sizeVram,
                              String expiresAt) {
    }

    /**
     * Human-readable decimal size as Ollama's CLI prints it: 2019393189 bytes gives {@code "2.0GB"},
     * 274302450 gives {@code "274MB"}.
     */
    public static String humanSize(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fGB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%dMB", Math.round(bytes / 1e6));
        }
        if (bytes >= 1_000L) {
            return String.format(Locale.ROOT, "%dKB", Math.round(bytes / 1e3));
        }
        return bytes + "B";
    }
}
