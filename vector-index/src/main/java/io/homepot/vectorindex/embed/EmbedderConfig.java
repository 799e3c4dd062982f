package io.homepot.vectorindex.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings for {@link MiniLmEmbedder}.
 *
 * @param dataDir        writable directory for native-library caches and extracted model files
 *                       (the embedder never touches the network or the home directory)
 * @param variant        which model to run
 * @param intraOpThreads ONNX Runtime intra-op threads per inference call; 0 (default) = one
 *                       intra-op thread per call, with {@code embedAll} batches spread over one
 *                       worker per core (fastest for short sentences and for throughput)
 * @param maxBatchSize   largest number of texts sent to ONNX Runtime in one call
 * @param modelDir       optional directory holding {@link ModelVariant#onnxFileName()} and
 *                       {@link ModelVariant#tokenizerFileName()}; {@code null} uses the copies
 *                       shipped in the jar
 * @param fuseAttention  run the model with its self-attention blocks fused into ONNX Runtime's
 *                       {@code Attention} operator (same results, fewer operators; the rewritten
 *                       model is cached in {@code <dataDir>/models/}); default {@code true}
 */
public record EmbedderConfig(Path dataDir, ModelVariant variant, int intraOpThreads,
                             int maxBatchSize, Path modelDir, boolean fuseAttention) {

    public EmbedderConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(variant, "variant");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads < 0");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize < 1");
        }
    }

    /**
     * FP32 model, automatic threading (see {@code intraOpThreads}), batches of 32, model files from
     * the jar, attention fused.
     */
    public static EmbedderConfig defaults(Path dataDir) {
        return new EmbedderConfig(dataDir, ModelVariant.FP32, 0, 32, null, true);
    }

    public EmbedderConfig withVariant(ModelVariant v) {
        return new EmbedderConfig(dataDir, v, intraOpThreads, maxBatchSize, modelDir, fuseAttention);
    }

    public EmbedderConfig withIntraOpThreads(int n) {
        return new EmbedderConfig(dataDir, variant, n, maxBatchSize, modelDir, fuseAttention);
    }

    public EmbedderConfig withMaxBatchSize(int n) {
        return new EmbedderConfig(dataDir, variant, intraOpThreads, n, modelDir, fuseAttention);
    }

    public EmbedderConfig withModelDir(Path dir) {
        return new EmbedderConfig(dataDir, variant, intraOpThreads, maxBatchSize, dir, fuseAttention);
    }

    public EmbedderConfig withFuseAttention(boolean fuse) {
        return new EmbedderConfig(dataDir, variant, intraOpThreads, maxBatchSize, modelDir, fuse);
    }
}
