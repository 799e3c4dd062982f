package io.homepot.vectorindex.index;

import io.homepot.vectorindex.embed.Embedder;
import java.util.List;
import java.util.Locale;

/**
 * Cheap deterministic test embedder: bag of hashed words (and word bigrams) in 384 dimensions,
 * L2-normalised. Texts sharing words are similar, which is enough for index tests.
 */
public final class HashEmbedder implements Embedder {

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String modelId() {
        return "test/hash-384";
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[384];
        String[] words = (text == null ? "" : text).toLowerCase(Locale.ROOT).split("\\W+");
        for (int i = 0; i < words.length; i++) {
            add(v, words[i], 1f);
            if (i > 0) {
                add(v, words[i - 1] + " " + words[i], 0.5f);
            }
        }
        add(v, "#bias", 0.05f);
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static void add(float[] v, String token, float w) {
        int h = token.hashCode() * 0x9E3779B1;
        v[Math.floorMod(h, 384)] += w;
        v[Math.floorMod(h >>> 7 ^ h * 31, 384)] += (h & 1) == 0 ? w / 2 : -w / 2;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public void close() {
    }
}
