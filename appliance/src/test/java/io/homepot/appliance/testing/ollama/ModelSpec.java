package io.homepot.appliance.testing.ollama;

import java.util.List;

/**
 * An installed model as {@code /api/tags} reports it.
 *
 * @param name          e.g. {@code llama3.2:3b}
 * @param sizeBytes     file size in bytes
 * @param digest        sha256 hex digest
 * @param family        e.g. {@code llama}
 * @param parameterSize e.g. {@code 3.2B}
 * @param quantization  e.g. {@code Q4_K_M}
 */
public record ModelSpec(String name, long sizeBytes, String digest, String family, String parameterSize,
                        String quantization) {

    /** The seed's three models with their real Ollama library sizes. */
    public static List<ModelSpec> seedModels() {
        return List.of(
                new ModelSpec("llama3.2:3b", 2_019_393_189L,
                        "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72", "llama", "3.2B", "Q4_K_M"),
                new ModelSpec("mistral:7b", 4_113_301_824L,
                        "f974a74358d62a017b37c6f424fcdf2744ca02926c4f952513ddf474b2fa5091", "llama", "7.2B", "Q4_0"),
                new ModelSpec("phi3.5:3.8b", 2_176_178_913L,
                        "61819fb370a3c1a9be6694869331e5f85f867a079e9271d66cb223acb81d04ba", "phi3", "3.8B", "Q4_0"));
    }
}
