package io.homepot.vectorindex.embed;

import java.util.List;

/**
 * Turns text into a fixed-size, L2-normalised sentence embedding.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>every returned vector has {@link #dimension()} components and unit L2 norm
 *       (an all-zero vector is never returned);</li>
 *   <li>{@link #embedAll(List)} returns vectors in input order, each equal (up to float rounding)
 *       to what {@link #embed(String)} returns for the same text;</li>
 *   <li>methods are safe to call from many threads at once; calls after {@link #close()} throw
 *       {@link IllegalStateException}.</li>
 * </ul>
 * Create one instance per process, share it, and close it on shutdown.
 */
public interface Embedder extends AutoCloseable {

    /** Number of components of every vector this embedder returns. */
    int dimension();

    /** Stable identifier of the model (stored in index headers so a model change is detected). */
    String modelId();

    /** Embeds one text. {@code null} is treated as the empty string. */
    float[] embed(String text);

    /** Embeds many texts in batches; the result has the same size and order as {@code texts}. */
    List<float[]> embedAll(List<String> texts);

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
