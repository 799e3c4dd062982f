package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Manual: leave-one-out category accuracy of several matching rules on the labelled set
 * (1-NN, similarity-weighted k-NN vote, category prototype, per-category local mean of the m
 * most similar incidents). Args: [dataDir].
 */
public final class CategoryEval {

    private CategoryEval() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> data = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CategoryEval.class.getResourceAsStream("/incidents/labelled-incidents.tsv")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    data.add(line.split("\t", 2));
                }
            }
        }
        float[][] v;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(Path.of(args.length > 0 ? args[0] : "target/bench-data")))) {
            v = e.embedAll(data.stream().map(d -> d[1]).toList()).toArray(new float[0][]);
        }
        int n = v.length;
        String[] cat = data.stream().map(d -> d[0]).toArray(String[]::new);
        double[][] sim = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int d = 0; d < v[i].length; d++) {
                    s += v[i][d] * v[j][d];
                }
                sim[i][j] = s;
            }
        }
        Map<String, Integer> correct = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            // neighbours sorted, excluding self
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            final int q = i;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sim[q][b], sim[q][a]));
            List<Integer> nn = new ArrayList<>();
            for (int j : order) {
                if (j != i) {
                    nn.add(j);
                }
            }
            tally(correct, "1nn", cat[nn.get(0)].equals(cat[i]));
            for (int k : new int[] {3, 5, 10, 20}) {
                Map<String, Double> vote = new HashMap<>();
                for (int t = 0; t < k; t++) {
                    vote.merge(cat[nn.get(t)], sim[i][nn.get(t)], Double::sum);
                }
                tally(correct, "knn-weighted-" + k, best(vote).equals(cat[i]));
            }
            // prototype (leave-one-out)
            Map<String, double[]> sums = new HashMap<>();
            for (int j : nn) {
                double[] s = sums.computeIfAbsent(cat[j], c -> new double[v[0].length]);
                for (int d = 0; d < s.length; d++) {
                    s[d] += v[j][d];
                }
            }
            Map<String, Double> proto = new HashMap<>();
            sums.forEach((c, s) -> {
                double dot = 0;
                double nrm = 0;
                for (int d = 0; d < s.length; d++) {
                    dot += s[d] * v[q][d];
                    nrm += s[d] * s[d];
                }
                proto.put(c, dot / Math.sqrt(nrm));
            });
            tally(correct, "prototype", best(proto).equals(cat[i]));
            for (int m : new int[] {1, 2, 3, 5, 8}) {
                Map<String, List<Double>> per = new HashMap<>();
                for (int j : nn) {
                    List<Double> l = per.computeIfAbsent(cat[j], c -> new ArrayList<>());
                    if (l.size() < m) {
                        l.add(sim[i][j]);
                    }
                }
                Map<String, Double> lm = new HashMap<>();
                per.forEach((c, l) -> lm.put(c, l.stream().mapToDouble(Double::doubleValue).average().orElse(-1)));
                tally(correct, "local-mean-" + m, best(lm).equals(cat[i]));
                Map<String, Double> combo = new HashMap<>();
                lm.forEach((c, s) -> combo.put(c, s + proto.get(c)));
                tally(correct, "local-mean-" + m + "+prototype", best(combo).equals(cat[i]));
            }
        }
        correct.forEach((k, c) -> System.out.printf("%-28s %.4f (%d/%d)%n", k, c / (double) n, c, n));
    }

    private static void tally(Map<String, Integer> m, String k, boolean ok) {
        m.merge(k, ok ? 1 : 0, Integer::sum);
    }

    private static String best(Map<String, Double> m) {
        return m.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
