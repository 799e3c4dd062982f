package io.homepot.vectorindex.embed;

import java.util.Locale;

/**
 * The all-MiniLM-L6-v2 model files shipped inside the jar (under {@code /homepot/models/}).
 * Both variants share the same tokenizer and produce 384-dimensional vectors.
 */
public enum ModelVariant {
    /** Full-precision model (the reference; about 90 MB). */
    FP32("all-minilm-l6-v2"),
    /** Dynamically quantised int8 model (about 23 MB, faster, slightly different vectors). */
    INT8("all-minilm-l6-v2-q");

    /** Classpath directory holding the model files. */
    public static final String RESOURCE_DIR = "homepot/models/";

    private final String baseName;

    ModelVariant(String baseName) {
        this.baseName = baseName;
    }

    /** File name of the ONNX graph, e.g. {@code all-minilm-l6-v2.onnx}. */
    public String onnxFileName() {
        return baseName + ".onnx";
    }

    /** File name of the HuggingFace tokenizer JSON, e.g. {@code all-minilm-l6-v2-tokenizer.json}. */
    public String tokenizerFileName() {
        return baseName + "-tokenizer.json";
    }

    /** Model identifier recorded with stored vectors. */
    public String modelId() {
        return "sentence-transformers/" + baseName;
    }

    /**
     * Parses a configuration value: {@code fp32}, {@code float}, {@code int8}, {@code q},
     * {@code quantized} (case-insensitive).
     */
    public static ModelVariant parse(String value) {
        if (value == null || value.isBlank()) {
            return FP32;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "fp32", "float", "float32", "full" -> FP32;
            case "int8", "q", "quantized", "quantised" -> INT8;
            default -> throw new IllegalArgumentException("unknown model variant: " + value
                    + " (use fp32 or int8)");
        };
    }
}
