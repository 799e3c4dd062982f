package io.homepot.vectorindex.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>Threading: with {@link EmbedderConfig#intraOpThreads()} {@code = 0} (the default) every ORT
 * call runs on one intra-op thread (no thread-pool hand-off, which dominates for one short
 * sentence), and {@link #embedAll} spreads its batches over one worker per core, each calling the
 * shared session. With {@code n > 0} ORT uses {@code n} intra-op threads per call and batches
 * run one after another on the calling thread. Input tensors use reusable direct buffers per
 * thread (no copy into ORT).
 *
 * <p>Graph: with {@link EmbedderConfig#fuseAttention()} (the default) the session runs a copy of
 * the model whose self-attention blocks are rewritten into ORT's fused {@code Attention} operator
 * ({@link AttentionFuser}, cached by {@link FusedModelCache} in {@code <dataDir>/models/}): about
 * 65 instead of about 180 operators per call, the same vectors, ≈ 10 % less CPU per sentence.
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
    private final Path onnxFile;
    /** Batch workers for {@link #embedAll} (null: batches run on the caller). */
    private final ExecutorService batchPool;
    private final int batchParallelism;
    private final ThreadLocal<ByteBuffer[]> inputBuffers = new ThreadLocal<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmEmbedder(EmbedderConfig config, MiniLmTokenizer tokenizer, OrtEnvironment env,
                           OrtSession session, Path onnxFile) {
        this.onnxFile = onnxFile;
        this.config = config;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        int cores = Runtime.getRuntime().availableProcessors();
        this.batchParallelism = config.intraOpThreads() == 0 ? Math.max(1, cores) : 1;
        this.batchPool = batchParallelism > 1 ? Executors.newFixedThreadPool(batchParallelism - 1, r -> {
            Thread t = new Thread(r, "minilm-batch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Loads tokenizer and model. Sets DJL offline mode and its native cache to
     * {@code <dataDir>/djl} first (see {@link OfflineNativeSetup}). The first open with
     * {@link EmbedderConfig#fuseAttention()} writes the fused model (≈ 90 MB, 1–2 s) into
     * {@code <dataDir>/models/}; later opens reuse it.
     *
     * @throws IllegalStateException if the model files cannot be found or loaded
     */
    public static MiniLmEmbedder open(EmbedderConfig config) {
        long t0 = System.nanoTime();
        OfflineNativeSetup.apply(config.dataDir());
        OnnxNativeSetup.apply(config.dataDir());
        ModelFiles files = ModelFiles.resolve(config);
        MiniLmTokenizer tokenizer = new MiniLmTokenizer(files.tokenizer());
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setInterOpNumThreads(1);
            // 0 = one intra-op thread per call; parallelism comes from concurrent batches
            opts.setIntraOpNumThreads(config.intraOpThreads() > 0 ? config.intraOpThreads() : 1);
            // no busy-wait between ops: the appliance shares its 2 cores with ingest and scoring
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            opts.addConfigEntry("session.inter_op.allow_spinning", "0");
            opts.setMemoryPatternOptimization(true);
            opts.setCPUArenaAllocator(true);
            Path onnx = config.fuseAttention() ? FusedModelCache.resolve(files.onnx(), config.dataDir())
                    : files.onnx();
            OrtSession session;
            try {
                session = env.createSession(onnx.toString(), opts);
            } catch (OrtException e) {
                if (onnx.equals(files.onnx())) {
                    throw e;
                }
                // a damaged cached copy must never stop the embedder: drop it, run the original
                LOG.warn("cannot load fused model {} ({}); deleting it and using {}", onnx, e.getMessage(),
                        files.onnx());
                FusedModelCache.discard(onnx);
                onnx = files.onnx();
                session = env.createSession(onnx.toString(), opts);
            }
            LOG.info("loaded {} ({}) in {} ms", config.variant().modelId(), onnx,
                    (System.nanoTime() - t0) / 1_000_000);
            return new MiniLmEmbedder(config, tokenizer, env, session, onnx);
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

    /** The ONNX file the session runs: the attention-fused copy, or the original graph. */
    public Path onnxFile() {
        return onnxFile;
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
            List<int[]> batches = new ArrayList<>();
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
                batches.add(new int[] {start, end, maxLen});
                start = end;
            }
            if (batchPool == null || batches.size() < 2) {
                for (int[] b : batches) {
                    runBatch(ids, order, b[0], b[1], b[2], out);
                }
            } else {
                runParallel(batches, ids, order, out);
            }
            return Arrays.asList(out);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs batches on the caller plus the pool's workers, pulling from a shared counter. */
    private void runParallel(List<int[]> batches, long[][] ids, Integer[] order, float[][] out)
            throws OrtException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                int[] b = batches.get(i);
                runBatch(ids, order, b[0], b[1], b[2], out);
            }
            return null;
        };
        int helpers = Math.min(batchParallelism - 1, batches.size() - 1);
        List<Future<Void>> futures = new ArrayList<>(helpers);
        for (int i = 0; i < helpers; i++) {
            futures.add(batchPool.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.call();
        } catch (Exception | Error e) {
            failure = e;
        }
        if (failure != null) {
            next.set(batches.size()); // helpers stop after their current batch
        }
        // always wait for the helpers, so that no ORT call outlives this method (close() safety)
        boolean interrupted = false;
        for (Future<Void> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                        next.set(batches.size());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof OrtException oe) {
            throw oe;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("ONNX inference failed", failure);
        }
    }

    /**
     * Direct native-order long buffers of this thread, grown on demand: ids, mask, token types.
     * The token-type buffer is never written: direct buffers start zeroed, and all-MiniLM uses
     * segment 0 for every token.
     */
    private LongBuffer[] buffers(int size) {
        ByteBuffer[] bufs = inputBuffers.get();
        if (bufs == null || bufs[0].capacity() < size * 8) {
            int cap = Math.max(size, 512) * 8;
            bufs = new ByteBuffer[] {
                ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder()),
                ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder()),
                ByteBuffer.allocateDirect(cap).order(ByteOrder.nativeOrder())};
            inputBuffers.set(bufs);
        }
        LongBuffer[] out = new LongBuffer[3];
        for (int i = 0; i < 3; i++) {
            out[i] = bufs[i].clear().limit(size * 8).asLongBuffer();
        }
        return out;
    }

    private void runBatch(long[][] ids, Integer[] order, int from, int to, int seqLen,
                          float[][] out) throws OrtException {
        int batch = to - from;
        int size = batch * seqLen;
        LongBuffer[] buf = buffers(size);
        LongBuffer idBuf = buf[0];
        LongBuffer maskBuf = buf[1];
        LongBuffer typeBuf = buf[2];
        for (int b = 0; b < batch; b++) {
            long[] row = ids[order[from + b]];
            int off = b * seqLen;
            idBuf.put(off, row);
            for (int t = 0; t < seqLen; t++) {
                maskBuf.put(off + t, t < row.length ? 1L : 0L);
            }
            for (int t = row.length; t < seqLen; t++) {
                idBuf.put(off + t, 0L);
            }
        }
        long[] shape = {batch, seqLen};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, idBuf, shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, maskBuf, shape));
            if (needsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, typeBuf, shape));
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
            if (batchPool != null) {
                batchPool.shutdownNow();
            }
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
