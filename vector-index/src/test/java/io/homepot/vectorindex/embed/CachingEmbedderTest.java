package io.homepot.vectorindex.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homepot.vectorindex.TestPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query-vector cache in front of the real MiniLM model. */
class CachingEmbedderTest {

    @Test
    void repeatedQueriesAreServedFromTheCacheWithTheModelsVectorAndEvictedLeastRecentlyUsedFirst() {
        try (MiniLmEmbedder model = MiniLmEmbedder.open(EmbedderConfig.defaults(TestPaths.dataDir()));
             CachingEmbedder cached = new CachingEmbedder(model, 2)) {
            String a = "server room temperature spike";
            String b = "POS terminal offline";
            String c = "UPS on battery after a mains dip";
            float[] direct = model.embed(a);

            float[] first = cached.embed(a);
            assertArrayEquals(direct, first, 1e-6f);
            assertEquals(0, cached.hits());
            assertEquals(1, cached.misses());

            first[0] = 42f; // a caller's copy: changing it must not change what the next caller gets
            assertArrayEquals(direct, cached.embed(a), 1e-6f);
            assertEquals(1, cached.hits());

            cached.embed(b);               // cache: a, b
            cached.embed(a);               // a most recently used
            cached.embed(c);               // capacity 2: b goes
            assertEquals(2, cached.hits());
            assertEquals(3, cached.misses());
            cached.embed(a);
            assertEquals(3, cached.hits(), "a was used recently and must still be cached");
            cached.embed(b);
            assertEquals(4, cached.misses(), "b was the least recently used and must have been evicted");

            // bulk indexing is not cached and gives the same vectors
            List<float[]> all = cached.embedAll(List.of(a, c));
            assertArrayEquals(direct, all.get(0), 1e-5f);
            assertEquals(4, cached.misses());
            assertEquals(3, cached.hits());
        }
    }

    @Test
    void closedEmbedderRefusesEvenCachedTextsAndCapacityIsValidated() {
        MiniLmEmbedder model = MiniLmEmbedder.open(EmbedderConfig.defaults(TestPaths.dataDir()));
        CachingEmbedder cached = new CachingEmbedder(model, 4);
        cached.embed("fan speed falling");
        cached.close();
        assertThrows(IllegalStateException.class, () -> cached.embed("fan speed falling"));
        assertThrows(IllegalArgumentException.class, () -> new CachingEmbedder(model, 0));
    }
}
