package io.homepot.scoring.cli;

import io.homepot.scoring.cli.DeviceCorpus.Anomaly;
import io.homepot.scoring.cli.DeviceCorpus.DeviceFile;
import io.homepot.scoring.cli.DeviceCorpus.Kind;
import io.homepot.scoring.detect.DetectorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class DeviceCorpusTest {
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+\\.csv)\": \\[(.*)]");
    private static final Pattern STAMP = Pattern.compile("\"(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)\\.000000\"");

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDiffers(@TempDir Path tmp) throws IOException {
        DeviceCorpus.Summary a = DeviceCorpus.write(tmp.resolve("a"), 7);
        DeviceCorpus.Summary b = DeviceCorpus.write(tmp.resolve("b"), 7);
        DeviceCorpus.Summary c = DeviceCorpus.write(tmp.resolve("c"), 8);
        assertEquals(a, b);
        Map<String, byte[]> fa = contents(tmp.resolve("a")), fb = contents(tmp.resolve("b")), fc = contents(tmp.resolve("c"));
        assertEquals(fa.keySet(), fb.keySet());
        for (String k : fa.keySet()) assertArrayEquals(fa.get(k), fb.get(k), k);
        assertEquals(fa.keySet(), fc.keySet(), "same file names for every seed");
        long differing = fa.keySet().stream().filter(k -> !Arrays.equals(fa.get(k), fc.get(k))).count();
        assertEquals(fa.size(), differing, "every file differs with another seed");
    }

    @Test
    void labelsMatchDataFilesAndWindowsLieAfterProbation(@TempDir Path tmp) throws IOException {
        DeviceCorpus.Summary s = DeviceCorpus.write(tmp, 3);
        Map<String, List<String[]>> labels = readLabels(tmp.resolve("labels/combined_windows.json"));
        Map<String, byte[]> data = contents(tmp.resolve("data"));
        assertEquals(data.keySet(), labels.keySet(), "one labels entry per data file and vice versa");
        assertEquals(s.files(), data.size());
        int windows = 0, quiet = 0;
        long rows = 0;
        for (var e : labels.entrySet()) {
            List<String> lines = Files.readAllLines(tmp.resolve("data").resolve(e.getKey()));
            assertEquals("timestamp,value", lines.get(0));
            List<String> stamps = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
            int n = stamps.size(), probation = Math.min(n * 15 / 100, 750), previousEnd = -1;
            for (String[] w : e.getValue()) {
                int from = stamps.indexOf(w[0]), to = stamps.indexOf(w[1]);
                assertTrue(from >= 0 && to >= 0, e.getKey() + ": window timestamps are rows of the file");
                assertTrue(from >= probation, e.getKey() + ": window after the probationary rows");
                assertTrue(to > from && to > previousEnd && from > previousEnd, e.getKey() + ": ordered, disjoint");
                assertEquals(Math.max(2, (int) (0.10 * n / e.getValue().size())) / 2 * 2, to - from,
                        e.getKey() + ": NAB window length");
                previousEnd = to;
            }
            windows += e.getValue().size();
            quiet += e.getValue().isEmpty() ? 1 : 0;
            rows += n;
        }
        assertEquals(s.windows(), windows);
        assertEquals(s.rows(), rows);
        assertTrue(quiet >= s.files() / 5 && quiet <= s.files() / 2, "about a third quiet: " + quiet);
    }

    @Test
    void anomaliesChangeTheDataOnlyWhereInjected() {
        EnumSet<Kind> seen = EnumSet.noneOf(Kind.class);
        for (long seed = 1; seed <= 3; seed++) {
            for (DeviceFile f : DeviceCorpus.generate(seed)) {
                int n = f.values().length;
                boolean[] injected = new boolean[n];
                for (Anomaly a : f.anomalies()) {
                    seen.add(a.kind());
                    assertTrue(a.start() >= Math.min(n * 15 / 100, 750) && a.end() <= n, f.path());
                    assertTrue(a.windowFrom() <= a.start() && a.start() <= a.windowTo(), f.path() + ": centred");
                    boolean changed = false;
                    for (int j = a.start(); j < a.end(); j++) {
                        injected[j] = true;
                        changed |= j <= a.windowTo() && f.values()[j] != f.clean()[j];
                    }
                    assertTrue(changed, f.path() + ": " + a + " changes a value inside its window");
                }
                for (int j = 0; j < n; j++) {
                    if (!injected[j]) assertEquals(f.clean()[j], f.values()[j], f.path() + " row " + j);
                }
            }
        }
        assertEquals(EnumSet.allOf(Kind.class), seen, "every anomaly kind occurs");
    }

    @Test
    void nabRunnerScoresEveryRowOfTheCorpus(@TempDir Path tmp) throws Exception {
        assertEquals(0, ScoringCli.run(new String[] {"devices", tmp.resolve("corpus").toString()}));
        Path data = tmp.resolve("corpus/data"), out = tmp.resolve("out");
        Map<String, byte[]> files = contents(data);
        assertEquals(files.size(), new NabRunner(DetectorConfig.defaults()).run(data, out));
        for (String f : files.keySet()) {
            assertEquals(Files.readAllLines(data.resolve(f)).size(), Files.readAllLines(out.resolve(f)).size(), f);
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Reads the generator's combined_windows.json (one file per line) into file -> [start, end] pairs. */
    private static Map<String, List<String[]>> readLabels(Path json) throws IOException {
        Map<String, List<String[]>> out = new TreeMap<>();
        for (String line : Files.readAllLines(json)) {
            Matcher m = ENTRY.matcher(line);
            if (!m.find()) continue;
            List<String> stamps = STAMP.matcher(m.group(2)).results().map(r -> r.group(1)).toList();
            assertEquals(0, stamps.size() % 2, line);
            List<String[]> windows = new java.util.ArrayList<>();
            for (int i = 0; i < stamps.size(); i += 2) windows.add(new String[] {stamps.get(i), stamps.get(i + 1)});
            assertNull(out.put(m.group(1), windows), "duplicate key " + m.group(1));
        }
        return out;
    }
}
