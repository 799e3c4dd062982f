package io.homepot.vectorindex.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * WordPiece tokenisation exactly as sentence-transformers does it for all-MiniLM-L6-v2:
 * BERT normalisation (lower-case, accent stripping, CJK splitting) from the tokenizer JSON,
 * {@code [CLS]} + at most {@value #MAX_TOKENS}-2 word pieces + {@code [SEP]}, right truncation,
 * no padding (the embedder pads per batch). The JSON's own truncation (128) and fixed padding
 * are overridden. Thread-safe: the underlying HuggingFace tokenizer is immutable after creation.
 */
final class MiniLmTokenizer implements AutoCloseable {

    /** sentence-transformers {@code max_seq_length} of all-MiniLM-L6-v2, special tokens included. */
    static final int MAX_TOKENS = 256;

    private final HuggingFaceTokenizer tokenizer;

    MiniLmTokenizer(Path tokenizerJson) {
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(MAX_TOKENS),
                "modelMaxLength", "512");
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerJson, e);
        }
    }

    /** Token ids of one text, special tokens included, length in [2, {@value #MAX_TOKENS}]. */
    long[] encode(String text) {
        Encoding enc = tokenizer.encode(text == null ? "" : text);
        return enc.getIds();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
