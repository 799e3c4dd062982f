package io.homepot.vectorindex.index;

import io.homepot.vectorindex.embed.Embedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embedded descriptions of what each incident category means: the prior of
 * {@link CategoryClassifier}. For every category the anchor sentences are embedded and their mean
 * is normalised to one unit direction.
 *
 * <p>The built-in anchors ({@value #RESOURCE}, one {@code category<TAB>sentence} per line, {@code #}
 * comments) document the appliance's eight categories: temperature, humidity, connectivity, power,
 * performance, storage, mechanical, other. They are documentation, not fitted to any incident set.
 * Immutable; thread-safe.
 */
public final class CategoryAnchors {

    /** Classpath resource of the built-in anchor sentences. */
    public static final String RESOURCE = "homepot/category-anchors.tsv";

    private static final CategoryAnchors NONE = new CategoryAnchors(Map.of());

    private final Map<String, float[]> directions;

    private CategoryAnchors(Map<String, float[]> directions) {
        this.directions = directions;
    }

    /** No prior: the classifier then uses the recorded incidents only. */
    public static CategoryAnchors none() {
        return NONE;
    }

    /** Embeds the built-in anchor sentences with {@code embedder} (about 25 short sentences). */
    public static CategoryAnchors builtIn(Embedder embedder) {
        return of(readBuiltIn(), embedder);
    }

    /**
     * Embeds the given anchor sentences.
     *
     * @param sentences category → sentences describing it (categories without sentences are skipped)
     */
    public static CategoryAnchors of(Map<String, List<String>> sentences, Embedder embedder) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : sentences.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            double[] sum = new double[embedder.dimension()];
            for (float[] v : embedder.embedAll(e.getValue())) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
            out.put(e.getKey(), unit(sum));
        }
        return new CategoryAnchors(Map.copyOf(out));
    }

    /** The built-in sentences, category → sentences, in file order. */
    public static Map<String, List<String>> readBuiltIn() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (InputStream in = CategoryAnchors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing: " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                if (parts.length != 2 || parts[1].isBlank()) {
                    throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                }
                out.computeIfAbsent(parts[0].trim(), k -> new ArrayList<>()).add(parts[1].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return out;
    }

    /** Unit direction of a category, or {@code null} if it has no anchors. */
    float[] direction(String category) {
        return directions.get(category);
    }

    /** Categories that have anchors. */
    public List<String> categories() {
        return List.copyOf(directions.keySet());
    }

    private static float[] unit(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.max(Math.sqrt(n), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
