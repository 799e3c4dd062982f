package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.index.CategoryAnchors;
import io.homepot.vectorindex.index.CategoryClassifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Manual: top-1 category accuracy of several matching rules, leave-one-out on the labelled set and,
 * trained on the whole labelled set, on the held-out alert texts; then the few-shot case (only the
 * first n incidents per category recorded). Rules: 1-NN, similarity-weighted k-NN vote, the
 * classifier without anchors (plain prototype), anchors alone, and {@link CategoryClassifier} with
 * the built-in anchors at several prior weights. Args: [dataDir].
 */
public final class CategoryEval {

    private CategoryEval() {
    }

    static List<String[]> read(String resource) throws java.io.IOException {
        List<String[]> data = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CategoryEval.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    data.add(line.split("\t", 2));
                }
            }
        }
        return data;
    }

    public static void main(String[] args) throws Exception {
        List<String[]> lab = read("/incidents/labelled-incidents.tsv");
        List<String[]> held = read("/incidents/heldout-alerts.tsv");
        List<float[]> lv;
        List<float[]> hv;
        CategoryAnchors anchors;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(Path.of(args.length > 0 ? args[0] : "target/bench-data")))) {
            lv = e.embedAll(lab.stream().map(d -> d[1]).toList());
            hv = e.embedAll(held.stream().map(d -> d[1]).toList());
            anchors = CategoryAnchors.builtIn(e);
        }
        List<String> lc = lab.stream().map(d -> d[0]).toList();
        List<String> hc = held.stream().map(d -> d[0]).toList();
        Map<String, String> rows = new LinkedHashMap<>();
        for (int k : new int[] {1, 5, 10, 20}) {
            int loo = 0;
            for (int i = 0; i < lv.size(); i++) {
                loo += knn(lv.get(i), lv, lc, i, k).equals(lc.get(i)) ? 1 : 0;
            }
            int ho = 0;
            for (int i = 0; i < hv.size(); i++) {
                ho += knn(hv.get(i), lv, lc, -1, k).equals(hc.get(i)) ? 1 : 0;
            }
            rows.put(k == 1 ? "nearest neighbour" : "k-NN similarity-weighted vote, k=" + k, pct(loo, lv.size()) + pct(ho, hv.size()));
        }
        rows.put("prototype, no anchors", eval(CategoryClassifier.of(lc, lv, CategoryAnchors.none(), 0), lc, hv, hc));
        rows.put("anchors only (no incidents)", eval(CategoryClassifier.of(List.of(), List.of(), anchors, 1), lc, lv, lc, hv, hc));
        for (double w : new double[] {2, 5, 10, 20}) {
            rows.put("prototype + anchor prior, weight " + (int) w, eval(CategoryClassifier.of(lc, lv, anchors, w), lc, hv, hc));
        }
        System.out.printf("%-44s %-22s %s%n", "rule", "labelled LOO", "held-out");
        rows.forEach((k, v) -> System.out.printf("%-44s %s%n", k, v));
        for (int per : new int[] {1, 3, 5, 10}) {
            List<String> fc = new ArrayList<>();
            List<float[]> fv = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            List<String> restC = new ArrayList<>();
            List<float[]> restV = new ArrayList<>();
            for (int i = 0; i < lc.size(); i++) {
                if (seen.merge(lc.get(i), 1, Integer::sum) <= per) {
                    fc.add(lc.get(i));
                    fv.add(lv.get(i));
                } else {
                    restC.add(lc.get(i));
                    restV.add(lv.get(i));
                }
            }
            System.out.printf("few-shot %2d per category: prototype %s | with anchors (weight %.0f) %s  (rest of labelled, held-out)%n", per,
                    eval(CategoryClassifier.of(fc, fv, CategoryAnchors.none(), 0), null, restV, restC, hv, hc),
                    CategoryClassifier.DEFAULT_ANCHOR_WEIGHT,
                    eval(CategoryClassifier.of(fc, fv, anchors, CategoryClassifier.DEFAULT_ANCHOR_WEIGHT), null, restV, restC, hv, hc));
        }
    }

    /** Leave-one-out over the training set plus accuracy on the held-out set. */
    private static String eval(CategoryClassifier c, List<String> trainCats, List<float[]> hv, List<String> hc) {
        int loo = 0;
        for (int i = 0; i < trainCats.size(); i++) {
            loo += c.classifyExcluding(i).category().equals(trainCats.get(i)) ? 1 : 0;
        }
        return pct(loo, trainCats.size()) + score(c, hv, hc);
    }

    /** Accuracy on two evaluation sets (no leave-one-out). */
    private static String eval(CategoryClassifier c, List<String> ignored, List<float[]> av, List<String> ac,
                               List<float[]> bv, List<String> bc) {
        return score(c, av, ac) + score(c, bv, bc);
    }

    private static String score(CategoryClassifier c, List<float[]> v, List<String> cats) {
        int ok = 0;
        for (int i = 0; i < v.size(); i++) {
            ok += c.classify(v.get(i)).category().equals(cats.get(i)) ? 1 : 0;
        }
        return pct(ok, v.size());
    }

    private static String knn(float[] q, List<float[]> v, List<String> cats, int skip, int k) {
        List<double[]> sims = new ArrayList<>();
        for (int j = 0; j < v.size(); j++) {
            if (j != skip) {
                double s = 0;
                for (int d = 0; d < q.length; d++) {
                    s += q[d] * v.get(j)[d];
                }
                sims.add(new double[] {s, j});
            }
        }
        sims.sort((a, b) -> Double.compare(b[0], a[0]));
        Map<String, Double> vote = new HashMap<>();
        for (int t = 0; t < k; t++) {
            vote.merge(cats.get((int) sims.get(t)[1]), sims.get(t)[0], Double::sum);
        }
        return vote.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String pct(int ok, int n) {
        return String.format("%5.1f %% (%d/%d)      ", 100.0 * ok / n, ok, n);
    }
}
