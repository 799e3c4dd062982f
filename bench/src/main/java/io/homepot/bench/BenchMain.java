package io.homepot.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point: {@code java -jar bench/target/homepot-bench.jar <benchmark> [options]}.
 * Benchmarks: {@code ingest} (see {@link IngestBench}), {@code mqtt} (see {@link MqttIngestBench}) and {@code ai}
 * (see {@link AiQueryBench}).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: homepot-bench ingest|mqtt|ai [--jar appliance/target/homepot-appliance.jar] "
                    + "[--samples 1000000] [--batch 5000] [--threads 2] [--out bench/results/ingest.json]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "ingest" -> IngestBench.run(Options.parse(rest));
            case "ai" -> AiQueryBench.run(Options.parse(rest));
            case "mqtt" -> MqttIngestBench.run(Options.parse(rest));
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Command-line options shared by the benchmarks. */
    record Options(Path jar, long samples, int batch, int threads, Path out, int port) {
        static Options parse(String[] a) {
            Path jar = Path.of("appliance/target/homepot-appliance.jar");
            long samples = 1_000_000;
            int batch = 5_000, threads = 2, port = 18_181;
            Path out = Path.of("bench/results/ingest.json");
            for (int i = 0; i + 1 < a.length; i += 2) {
                switch (a[i]) {
                    case "--jar" -> jar = Path.of(a[i + 1]);
                    case "--samples" -> samples = Long.parseLong(a[i + 1]);
                    case "--batch" -> batch = Integer.parseInt(a[i + 1]);
                    case "--threads" -> threads = Integer.parseInt(a[i + 1]);
                    case "--out" -> out = Path.of(a[i + 1]);
                    case "--port" -> port = Integer.parseInt(a[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + a[i]);
                }
            }
            return new Options(jar, samples, batch, threads, out, port);
        }
    }
}
