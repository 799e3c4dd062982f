package io.homepot.vectorindex.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.TestPaths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Truncation, unusual input, batching, concurrency and the int8 variant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbedderBehaviourTest {

    private MiniLmEmbedder embedder;

    @BeforeAll
    void setUp() {
        embedder = MiniLmEmbedder.open(EmbedderConfig.defaults(TestPaths.dataDir()));
    }

    @AfterAll
    void tearDown() {
        embedder.close();
    }

    private static String longText(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append("compressor ").append(i % 7 == 0 ? "overheating " : "temperature ");
        }
        return sb.toString();
    }

    @Test
    void longTextIsTruncatedToClsPlus254PiecesPlusSep() {
        String text = longText(400);
        long[] ids = embedder.tokenIds(text);
        assertEquals(256, ids.length);
        assertEquals(101, ids[0]);
        assertEquals(102, ids[255]);
        // everything after the 254th word piece is ignored, exactly like sentence-transformers
        String changedTail = text + " completely unrelated words about bananas and mountains";
        assertArrayEquals(ids, embedder.tokenIds(changedTail));
        double cos = Vectors.cosine(embedder.embed(text), embedder.embed(changedTail));
        assertTrue(cos > 0.999999, "tail must not influence the vector, cos=" + cos);
        // and the head is kept: a short prefix's pieces appear in order after [CLS]
        long[] head = embedder.tokenIds("compressor overheating compressor temperature");
        assertArrayEquals(Arrays.copyOfRange(head, 1, head.length - 1), Arrays.copyOfRange(ids, 1, head.length - 1));
    }

    @Test
    void shortTextIsNotPadded() {
        assertEquals(3, embedder.tokenIds("a").length);
        assertEquals(2, embedder.tokenIds("").length);
    }

    @Test
    void accentedNonLatinAndOddInputGiveUnitVectors() {
        List<String> texts = List.of("Température élevée détectée dans la salle des serveurs",
                "Überhitzung des Temperatursensors im Serverraum", "温度传感器过热，服务器机房",
                "Датчик температуры перегревается", "مستشعر درجة الحرارة محموم", "🔥🔥 server on fire 🔥",
                "", "   ", "\t\u0000\u200b", "naïve café résumé", longText(2000));
        List<float[]> batch = embedder.embedAll(texts);
        assertEquals(texts.size(), batch.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] v = batch.get(i);
            assertEquals(384, v.length);
            for (float x : v) {
                assertTrue(Float.isFinite(x), "non-finite component for " + texts.get(i));
            }
            assertEquals(1.0, Vectors.norm(v), 1e-4, "norm for: " + texts.get(i));
            double cos = Vectors.cosine(v, embedder.embed(texts.get(i)));
            assertTrue(cos > 0.99999, "batched vs single differ (" + cos + ") for " + texts.get(i));
        }
    }

    @Test
    void similarMeaningsAreCloserThanUnrelatedOnes() {
        float[] a = embedder.embed("temperature too high in the cold room");
        float[] b = embedder.embed("the freezer is overheating");
        float[] c = embedder.embed("network link down, gateway unreachable");
        assertTrue(Vectors.cosine(a, b) > Vectors.cosine(a, c) + 0.1);
    }

    @Test
    void concurrentCallsGiveTheSameVectors() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("disk usage " + i + "% on host node-" + (i * 7));
        }
        List<float[]> expected = embedder.embedAll(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (String t : texts) {
                futures.add(pool.submit(() -> embedder.embed(t)));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(Vectors.cosine(expected.get(i), futures.get(i).get()) > 0.99999);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void int8VariantIsSelectableAndCloseToFp32() {
        try (MiniLmEmbedder q = MiniLmEmbedder.open(
                EmbedderConfig.defaults(TestPaths.dataDir()).withVariant(ModelVariant.parse("int8")))) {
            assertEquals("sentence-transformers/all-minilm-l6-v2-q", q.modelId());
            String text = "UPS on battery power after mains failure";
            assertArrayEquals(embedder.tokenIds(text), q.tokenIds(text));
            double cos = Vectors.cosine(embedder.embed(text), q.embed(text));
            assertTrue(cos > 0.9 && cos < 0.999999, "int8 should be close but not identical: " + cos);
        }
    }

    @Test
    void parallelBatchesEqualSequentialOnesInInputOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            texts.add(i % 5 == 0 ? longText(10 + i) : "alarm " + i + " on sensor s-" + (i * 13) + (i % 3 == 0 ? " after power loss" : ""));
        }
        List<float[]> parallel = embedder.embedAll(texts);
        try (MiniLmEmbedder seq = MiniLmEmbedder.open(
                EmbedderConfig.defaults(TestPaths.dataDir()).withIntraOpThreads(1).withMaxBatchSize(16))) {
            List<float[]> sequential = seq.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                double cos = Vectors.cosine(parallel.get(i), sequential.get(i));
                assertTrue(cos > 0.99999, "text " + i + " differs: " + cos);
            }
        }
    }

    @Test
    void onnxRuntimeNativeLibrariesLiveInTheDataDir() {
        String dir = System.getProperty("onnxruntime.native.path");
        assertTrue(dir != null && java.nio.file.Path.of(dir).startsWith(TestPaths.dataDir().toAbsolutePath()),
                "onnxruntime.native.path = " + dir);
        assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dir, "libonnxruntime.so")));
        assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dir, "libonnxruntime4j_jni.so")));
    }

    @Test
    void closedEmbedderRejectsCalls() {
        MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(TestPaths.dataDir()));
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, () -> e.embed("x"));
    }
}
