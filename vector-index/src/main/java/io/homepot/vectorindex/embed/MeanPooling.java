package io.homepot.vectorindex.embed;

/** Mean pooling over the attention mask followed by L2 normalisation (sentence-transformers). */
final class MeanPooling {

    private MeanPooling() {
    }

    /**
     * Pools one sequence of a batch output.
     *
     * @param hidden flat {@code [batch, seqLen, dim]} last hidden states
     * @param row    index of the sequence in the batch
     * @param seqLen padded sequence length of the batch
     * @param tokens number of real (unpadded) tokens of this row; mask is 1 for the first
     *               {@code tokens} positions and 0 after
     * @param dim    hidden size
     * @return the unit-length mean of the first {@code tokens} hidden states
     */
    static float[] pool(float[] hidden, int row, int seqLen, int tokens, int dim) {
        double[] sum = new double[dim];
        int base = row * seqLen * dim;
        for (int t = 0; t < tokens; t++) {
            int off = base + t * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += hidden[off + d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            sum[d] /= Math.max(tokens, 1);
            norm += sum[d] * sum[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (sum[d] / norm);
        }
        return out;
    }
}
