package io.homepot.vectorindex.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attention-fused model: same vectors as the exported graph, cached once in the data dir. */
class AttentionFusionTest {

    /**
     * A fresh data dir under the shared test data dir: ONNX Runtime's native path is process-wide
     * and must stay under {@link TestPaths#dataDir()} (see EmbedderBehaviourTest).
     */
    private Path dataDir;

    @BeforeEach
    void freshDataDir() throws IOException {
        dataDir = Files.createDirectories(TestPaths.dataDir()).resolve("fusion-" + System.nanoTime());
    }

    @AfterEach
    void deleteDataDir() throws IOException {
        try (Stream<Path> s = Files.walk(dataDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<Path> models(String glob) throws IOException {
        try (Stream<Path> s = Files.list(dataDir.resolve("models"))) {
            return s.filter(p -> p.getFileName().toString().matches(glob)).toList();
        }
    }

    @Test
    void fusedModelGivesTheSameVectorsAndIsWrittenOnce() throws Exception {
        List<String> texts = new ArrayList<>(List.of("UPS on battery, input voltage 0 V", "Switch port Gi0/12 down",
                "a", "", "Température élevée dans la chambre froide numéro deux depuis quarante minutes"));
        for (int i = 0; i < 40; i++) {
            texts.add("disk usage " + i + "% on host node-" + (i * 7)
                    + (i % 3 == 0 ? " after a long series of write errors" : ""));
        }
        List<float[]> plain;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir).withFuseAttention(false))) {
            plain = e.embedAll(texts);
        }
        assertTrue(!Files.exists(dataDir.resolve("models")) || models(".*fused.*").isEmpty(),
                "nothing fused when disabled");
        Path stale = Files.createDirectories(dataDir.resolve("models")).resolve("all-minilm-l6-v2-fused-v0-1-2.onnx");
        Files.writeString(stale, "from an older model or fuser version");
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir))) {
            assertTrue(e.onnxFile().getFileName().toString().contains("-fused-"), e.onnxFile().toString());
            assertTrue(Files.notExists(stale), "stale fused copy deleted");
            List<float[]> batched = e.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(Vectors.cosine(plain.get(i), batched.get(i)) > 0.999999, "batched text " + i);
                assertTrue(Vectors.cosine(plain.get(i), e.embed(texts.get(i))) > 0.999999, "single text " + i);
            }
        }
        List<Path> fused = models("all-minilm-l6-v2-fused-v\\d+-.*\\.onnx");
        assertEquals(1, fused.size(), "one cached fused model");
        assertTrue(models(".*\\.tmp").isEmpty(), "no temp file left");
        FileTime written = Files.getLastModifiedTime(fused.get(0));
        Thread.sleep(20);
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir))) {
            assertTrue(Vectors.cosine(plain.get(0), e.embed(texts.get(0))) > 0.999999);
        }
        assertEquals(written, Files.getLastModifiedTime(fused.get(0)), "reused, not rewritten");
    }

    @Test
    void aDamagedCachedModelIsReplacedByTheOriginal() throws Exception {
        float[] expected;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir))) {
            expected = e.embed("Disk /var 94% full");
        }
        Path fused = models("all-minilm-l6-v2-fused-v\\d+-.*\\.onnx").get(0);
        Files.write(fused, new byte[] {1, 2, 3}); // e.g. torn by a crash of the file system
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir))) {
            assertTrue(Vectors.cosine(expected, e.embed("Disk /var 94% full")) > 0.999999);
        }
        assertTrue(Files.notExists(fused), "damaged copy deleted");
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir))) {
            assertTrue(Vectors.cosine(expected, e.embed("Disk /var 94% full")) > 0.999999);
        }
        assertTrue(Files.size(fused) > 1_000_000, "rewritten at the next open");
    }

    @Test
    void int8GraphHasNoFusablePatternAndIsUsedAsItIs() throws Exception {
        try (MiniLmEmbedder q = MiniLmEmbedder.open(EmbedderConfig.defaults(dataDir).withVariant(ModelVariant.INT8))) {
            assertEquals(384, q.embed("UPS on battery").length);
            assertEquals("all-minilm-l6-v2-q.onnx", q.onnxFile().getFileName().toString());
        }
        assertTrue(models(".*-q-fused.*\\.onnx").isEmpty());
        assertEquals(1, models("all-minilm-l6-v2-q-fused-v\\d+-.*\\.unfused").size());
    }
}
