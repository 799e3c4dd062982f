package io.homepot.vectorindex.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.TestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Token ids and vectors must match the independent sentence-transformers reference exactly. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceEmbeddingTest {

    record Ref(String text, long[] ids, float[] embedding) {
    }

    private MiniLmEmbedder embedder;
    private List<Ref> refs;

    @BeforeAll
    void setUp() throws IOException {
        embedder = MiniLmEmbedder.open(EmbedderConfig.defaults(TestPaths.dataDir()));
        refs = load();
    }

    @AfterAll
    void tearDown() {
        embedder.close();
    }

    @Test
    void referenceFileIsComplete() {
        assertEquals(10, refs.size());
    }

    @Test
    void tokenIdsMatchEveryReferenceLine() {
        for (Ref r : refs) {
            assertArrayEquals(r.ids(), embedder.tokenIds(r.text()), "token ids of: " + r.text());
        }
    }

    @Test
    void singleEmbeddingsMatchEveryReferenceLine() {
        for (Ref r : refs) {
            double cos = Vectors.cosine(r.embedding(), embedder.embed(r.text()));
            assertTrue(cos >= 0.99999, "cosine " + cos + " for: " + r.text());
        }
    }

    @Test
    void batchedEmbeddingsMatchEveryReferenceLine() {
        List<String> texts = refs.stream().map(Ref::text).toList();
        List<float[]> got = embedder.embedAll(texts);
        for (int i = 0; i < refs.size(); i++) {
            double cos = Vectors.cosine(refs.get(i).embedding(), got.get(i));
            assertTrue(cos >= 0.99999, "batched cosine " + cos + " for: " + texts.get(i));
        }
    }

    private static List<Ref> load() throws IOException {
        Pattern p = Pattern.compile("\\{\"text\": (\".*?(?<!\\\\)\"), \"token_ids\": \\[([^\\]]*)\\], "
                + "\"embedding\": \\[([^\\]]*)\\]\\}");
        List<Ref> out = new ArrayList<>();
        for (String line : Files.readAllLines(
                TestPaths.shared("datasets/embeddings/all-minilm-l6-v2-reference.jsonl"),
                StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = p.matcher(line);
            assertTrue(m.matches(), "unexpected reference line format: " + line.substring(0, 80));
            String[] idParts = m.group(2).split(",\\s*");
            long[] ids = new long[idParts.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Long.parseLong(idParts[i].trim());
            }
            String[] vParts = m.group(3).split(",\\s*");
            float[] v = new float[vParts.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Double.parseDouble(vParts[i].trim());
            }
            out.add(new Ref(JsonStrings.unquote(m.group(1)), ids, v));
        }
        return out;
    }
}
