package io.homepot.vectorindex.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 sentence embeddings with ONNX Runtime and the DJL HuggingFace tokenizer,
 * fully offline.
 *
 * <p>Output equals sentence-transformers' {@code encode(..., normalize_embeddings=True)}: WordPiece
 * ids truncated to 256 tokens ({@link MiniLmTokenizer}), transformer, mean pooling over the
 * attention mask, L2 normalisation. Texts longer than 256 tokens are truncated, never chunked.
 *
 * <p>One ONNX session per instance; create one instance per process with
 * {@link #open(EmbedderConfig)}, share it between threads (ORT sessions and the tokenizer are
 * thread-safe) and {@link #close()} it on shutdown. Batches are sorted by token count so that
 * padding stays small.
 */
public final class MiniLmEmbedder implements Embedder {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmEmbedder.class);
    /** Hidden size of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;
    /** Upper bound of batch × sequence length per ORT call, to bound native memory. */
    private static final int MAX_TOKENS_PER_CALL = 32 * 256;

    private final EmbedderConfig config;
    private final MiniLmTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean needsTokenTypes;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmEmbedder(EmbedderConfig config, MiniLmTokenizer tokenizer, OrtEnvironment env,
                           OrtSession session) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads tokenizer and model. Sets DJL offline mode and its native cache to
     * {@code <dataDir>/djl} first (see {@link OfflineNativeSetup}).
     *
     * @throws IllegalStateException if the model files cannot be found or loaded
     */
    public static MiniLmEmbedder open(EmbedderConfig config) {
        long t0 = System.nanoTime();
        OfflineNativeSetup.apply(config.dataDir());
        ModelFiles files = ModelFiles.resolve(config);
        MiniLmTokenizer tokenizer = new MiniLmTokenizer(files.tokenizer());
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setInterOpNumThreads(1);
            // no busy-wait between ops: the appliance shares its 2 cores with ingest and scoring
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (config.intraOpThreads() > 0) {
                opts.setIntraOpNumThreads(config.intraOpThreads());
            }
            OrtSession session = env.createSession(files.onnx().toString(), opts);
            LOG.info("loaded {} ({}) in {} ms", config.variant().modelId(), files.onnx(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new MiniLmEmbedder(config, tokenizer, env, session);
        } catch (OrtException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load ONNX model " + files.onnx(), e);
        }
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String modelId() {
        return config.variant().modelId();
    }

    /** The configuration this embedder was opened with. */
    public EmbedderConfig config() {
        return config;
    }

    /** Token ids (with {@code [CLS]}/{@code [SEP]}, truncated) that the model sees for a text. */
    public long[] tokenIds(String text) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.encode(text);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text == null ? "" : text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int n = texts.size();
            long[][] ids = new long[n][];
            for (int i = 0; i < n; i++) {
                ids[i] = tokenizer.encode(texts.get(i));
            }
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
            float[][] out = new float[n][];
            int start = 0;
            while (start < n) {
                int end = start;
                int maxLen = 0;
                while (end < n && end - start < config.maxBatchSize()) {
                    int len = Math.max(maxLen, ids[order[end]].length);
                    if (end > start && len * (end - start + 1) > MAX_TOKENS_PER_CALL) {
                        break;
                    }
                    maxLen = len;
                    end++;
                }
                runBatch(ids, order, start, end, maxLen, out);
                start = end;
            }
            return Arrays.asList(out);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void runBatch(long[][] ids, Integer[] order, int from, int to, int seqLen,
                          float[][] out) throws OrtException {
        int batch = to - from;
        long[] inputIds = new long[batch * seqLen];
        long[] mask = new long[batch * seqLen];
        for (int b = 0; b < batch; b++) {
            long[] row = ids[order[from + b]];
            System.arraycopy(row, 0, inputIds, b * seqLen, row.length);
            Arrays.fill(mask, b * seqLen, b * seqLen + row.length, 1L);
        }
        long[] shape = {batch, seqLen};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (needsTokenTypes) {
                inputs.put("token_type_ids",
                        OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * seqLen]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] hs = hidden.getInfo().getShape();
                if (hs.length != 3 || hs[2] != DIMENSION) {
                    throw new IllegalStateException("unexpected output shape " + Arrays.toString(hs));
                }
                FloatBuffer fb = hidden.getFloatBuffer();
                float[] flat = new float[fb.remaining()];
                fb.get(flat);
                for (int b = 0; b < batch; b++) {
                    int idx = order[from + b];
                    out[idx] = MeanPooling.pool(flat, b, seqLen, ids[idx].length, DIMENSION);
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing ONNX session failed", e);
            }
            tokenizer.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Convenience for logs and status pages. */
    @Override
    public String toString() {
        return "MiniLmEmbedder[" + modelId() + ", dim=" + DIMENSION + "]";
    }
}
