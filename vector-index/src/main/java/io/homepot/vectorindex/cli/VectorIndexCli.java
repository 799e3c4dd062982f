package io.homepot.vectorindex.cli;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.embed.ModelVariant;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Operator CLI: {@code java -jar homepot-vector-index.jar embed [--model fp32|int8]
 * [--data-dir DIR]} reads one text per line (UTF-8) from stdin and prints, per line, one JSON
 * array of 384 floats. Data dir default: {@code $HOMEPOT_DATA_DIR}, else
 * {@code <java.io.tmpdir>/homepot-vector-index}. Exit code 2 on usage errors.
 */
public final class VectorIndexCli {

    private static final int BATCH = 32;

    private VectorIndexCli() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        if (args.length == 0 || !"embed".equals(args[0])) {
            err.println("usage: embed [--model fp32|int8] [--data-dir DIR]  (texts on stdin, one per line)");
            return 2;
        }
        ModelVariant variant = ModelVariant.FP32;
        String env = System.getenv("HOMEPOT_DATA_DIR");
        Path dataDir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("java.io.tmpdir"), "homepot-vector-index");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> variant = ModelVariant.parse(value(args, ++i));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i));
                default -> {
                    err.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        try (MiniLmEmbedder embedder = MiniLmEmbedder.open(
                EmbedderConfig.defaults(dataDir).withVariant(variant))) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            List<String> batch = new ArrayList<>(BATCH);
            String line;
            while ((line = reader.readLine()) != null) {
                batch.add(line);
                if (batch.size() == BATCH || !reader.ready()) {
                    flush(embedder, batch, writer);
                }
            }
            flush(embedder, batch, writer);
        }
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i - 1]);
        }
        return args[i];
    }

    private static void flush(MiniLmEmbedder embedder, List<String> batch, BufferedWriter w)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        for (float[] v : embedder.embedAll(batch)) {
            w.write(toJson(v));
            w.newLine();
        }
        w.flush();
        batch.clear();
    }

    /** JSON array of the floats, shortest round-trip representation per component. */
    static String toJson(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 12);
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.append(']').toString();
    }
}
