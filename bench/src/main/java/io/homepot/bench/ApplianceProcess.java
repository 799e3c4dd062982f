package io.homepot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real appliance started as a child JVM on a free port with its own data dir; RSS read from /proc. */
final class ApplianceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ApplianceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ApplianceProcess start(Path jar, Path dataDir, int port, Map<String, String> extraEnv, List<String> args)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx2g", "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(args);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("appliance.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOMEPOT_PORT", Integer.toString(port));
        pb.environment().put("HOMEPOT_DATA_DIR", dataDir.toAbsolutePath().toString());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().putAll(extraEnv);
        ApplianceProcess p = new ApplianceProcess(pb.start(), port, log);
        p.awaitReady(Duration.ofSeconds(60));
        return p;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("appliance exited with " + process.exitValue() + "; log: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/observe/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("appliance not ready after " + timeout + "; log: " + Files.readString(log));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size and its peak (VmHWM) in kB, from /proc/<pid>/status; -1 where unavailable. */
    long[] rssKb() {
        long rss = -1, hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D+", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux
        }
        return new long[] {rss, hwm};
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
