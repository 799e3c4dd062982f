package io.homepot.vectorindex.index;

import io.homepot.vectorindex.model.IncidentRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses an incident category from text embeddings by nearest category prototype: the
 * normalised mean embedding of all indexed incidents of each category. On the labelled test set
 * this is markedly more accurate than the category of the single nearest neighbour, because one
 * neighbour is often an incident of another category that shares wording. Immutable snapshot of
 * the index at construction time; thread-safe.
 */
public final class CategoryClassifier {

    private final Map<String, double[]> sums = new HashMap<>();
    private final Map<Long, String> categoryById = new HashMap<>();
    private final Map<Long, float[]> vectorById = new HashMap<>();

    /** A guess with its cosine similarity to the category prototype. */
    public record Guess(String category, double cosine) {
    }

    /** Builds prototypes from every incident in {@code index} that has a category. */
    public static CategoryClassifier fromIndex(IncidentIndex index) {
        CategoryClassifier c = new CategoryClassifier();
        for (long id : index.ids()) {
            IncidentRecord r = index.get(id).orElse(null);
            float[] v = index.vector(id).orElse(null);
            if (r == null || v == null || r.category() == null) {
                continue;
            }
            double[] sum = c.sums.computeIfAbsent(r.category(), k -> new double[v.length]);
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
            c.categoryById.put(id, r.category());
            c.vectorById.put(id, v);
        }
        return c;
    }

    /** Best category for a unit vector, or {@code null} when no prototypes exist. */
    public Guess classify(float[] vector) {
        return classify(vector, null, null);
    }

    /** Leave-one-out: classifies a stored incident with its own vector removed from its prototype. */
    public Guess classifyExcluding(long id) {
        float[] v = vectorById.get(id);
        if (v == null) {
            throw new IllegalArgumentException("unknown incident " + id);
        }
        return classify(v, categoryById.get(id), v);
    }

    private Guess classify(float[] vector, String ownCategory, float[] own) {
        String best = null;
        double bestCos = -2;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] sum = e.getValue();
            boolean subtract = e.getKey().equals(ownCategory);
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                double s = subtract ? sum[i] - own[i] : sum[i];
                dot += s * vector[i];
                norm += s * s;
            }
            if (norm < 1e-12) {
                continue;
            }
            double cos = dot / Math.sqrt(norm);
            if (cos > bestCos) {
                bestCos = cos;
                best = e.getKey();
            }
        }
        return best == null ? null : new Guess(best, bestCos);
    }

    /** Categories with a prototype. */
    public List<String> categories() {
        return List.copyOf(sums.keySet());
    }
}
