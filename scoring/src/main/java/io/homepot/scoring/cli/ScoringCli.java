package io.homepot.scoring.cli;

import io.homepot.scoring.detect.DetectorConfig;

import java.nio.file.Path;

/**
 * Command line entry point of {@code homepot-scoring.jar}.
 * <pre>
 *   nab   &lt;data-dir&gt; &lt;out-dir&gt;      score every category/name.csv, write NAB results files
 *   bench [out.json] [seconds]         detector throughput (points/s on one thread)
 *   devices &lt;out-dir&gt; [seed]          write the labelled synthetic device corpus ({@link DeviceCorpus}, seed 1)
 *   calibration &lt;data-dir&gt; [out.json]  forecast confidence vs observed band coverage ({@link ForecastCalibration})
 * </pre>
 */
public final class ScoringCli {
    private ScoringCli() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs a command and returns the process exit code. */
    public static int run(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("nab")) {
            long t0 = System.nanoTime();
            int n = new NabRunner(DetectorConfig.defaults()).run(Path.of(args[1]), Path.of(args[2]));
            System.out.printf("scored %d files in %.1f s -> %s%n", n, (System.nanoTime() - t0) / 1e9, args[2]);
            return 0;
        }
        if (args.length >= 1 && args[0].equals("bench")) {
            Path out = args.length >= 2 ? Path.of(args[1]) : null;
            double seconds = args.length >= 3 ? Double.parseDouble(args[2]) : 5.0;
            System.out.println(new DetectorBench().run(seconds, out));
            return 0;
        }
        if (args.length >= 2 && args.length <= 3 && args[0].equals("devices")) {
            long seed = args.length == 3 ? Long.parseLong(args[2]) : 1;
            DeviceCorpus.Summary s = DeviceCorpus.write(Path.of(args[1]), seed);
            System.out.printf("wrote %d files, %d windows, %d rows (seed %d) -> %s%n",
                    s.files(), s.windows(), s.rows(), seed, args[1]);
            return 0;
        }
        if (args.length >= 2 && args.length <= 3 && args[0].equals("calibration")) {
            String json = new ForecastCalibration().run(Path.of(args[1])).toJson(args[1]);
            if (args.length == 3) {
                Path out = Path.of(args[2]);
                if (out.getParent() != null) java.nio.file.Files.createDirectories(out.getParent());
                java.nio.file.Files.writeString(out, json + "\n");
            }
            System.out.println(json);
            return 0;
        }
        System.err.println("usage: java -jar homepot-scoring.jar nab <data-dir> <out-dir>");
        System.err.println("       java -jar homepot-scoring.jar bench [out.json] [seconds]");
        System.err.println("       java -jar homepot-scoring.jar devices <out-dir> [seed]");
        System.err.println("       java -jar homepot-scoring.jar calibration <data-dir> [out.json]");
        return 2;
    }
}
