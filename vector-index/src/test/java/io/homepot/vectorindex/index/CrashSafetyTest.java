package io.homepot.vectorindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.model.IncidentRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random instants (during appends and during snapshots) must never lose an
 * acknowledged write nor leave an unopenable index.
 */
class CrashSafetyTest {

    @TempDir
    Path tmp;

    private final Random random = new Random(42);

    @Test
    void killDuringAddsAndSnapshotsKeepsEveryAcknowledgedWrite() throws Exception {
        Path dir = tmp.resolve("index");
        Path ack = tmp.resolve("acks.txt");
        Set<Long> expected = new TreeSet<>();
        long nextId = 1;
        String[] modes = {"add", "add", "snapshot", "add", "snapshot", "snapshot", "add"};
        for (int round = 0; round < modes.length; round++) {
            runAndKill(dir, ack, modes[round], nextId, 150 + random.nextInt(900));
            long maxAcked = replayAcks(ack, expected);
            verify(dir, ack, expected, maxAcked);
            replayAcks(ack, expected);
            nextId = maxAcked + 10;
        }
        assertTrue(expected.size() > 50, "children made progress: " + expected.size());
        // the database (acknowledged writes) is the source of truth: reconcile to exactly it
        List<IncidentRecord> db = expected.stream().map(CrashChild::record).toList();
        try (IncidentIndex idx = IncidentIndex.open(dir, new HashEmbedder(), new IncidentIndexTest.ListSource(db))) {
            assertEquals(new TreeSet<>(expected), new TreeSet<>(idx.ids()));
        }
    }

    /**
     * The same with the disk tier: the index is seeded above the disk threshold, so the children's
     * snapshots write format 2 (graph file + snapshot) and fold their writes into a new base.
     */
    @Test
    void killDuringDiskSnapshotsKeepsEveryAcknowledgedWrite() throws Exception {
        Path dir = tmp.resolve("disk-index");
        Path ack = tmp.resolve("disk-acks.txt");
        List<IncidentRecord> seed = new ArrayList<>();
        StringBuilder acks = new StringBuilder();
        for (long id = 1; id <= IndexOptions.MIN_DISK_INCIDENTS + 60; id++) {
            seed.add(CrashChild.record(id));
            acks.append("A ").append(id).append('\n');
        }
        try (IncidentIndex idx = IncidentIndex.open(dir, new HashEmbedder(), null)) {
            idx.upsertAll(seed);
        }
        Files.writeString(ack, acks);
        Set<Long> expected = new TreeSet<>();
        long nextId = replayAcks(ack, expected) + 10;
        String[] modes = {"disk", "disksnap", "disk", "disksnap"};
        for (String mode : modes) {
            runAndKill(dir, ack, mode, nextId, 150 + random.nextInt(1500));
            long maxAcked = replayAcks(ack, expected);
            verify(dir, ack, expected, maxAcked);
            replayAcks(ack, expected);
            nextId = maxAcked + 10;
        }
        assertTrue(expected.size() > seed.size() + 20, "children made progress: " + expected.size());
        assertEquals(io.homepot.vectorindex.store.FileFormat.SNAPSHOT_VERSION_DISK,
                io.homepot.vectorindex.store.SnapshotFile.version(dir), "children wrote disk snapshots");
        List<IncidentRecord> db = expected.stream().map(CrashChild::record).toList();
        try (IncidentIndex idx = IncidentIndex.open(dir, new HashEmbedder(), new IncidentIndexTest.ListSource(db))) {
            assertEquals(new TreeSet<>(expected), new TreeSet<>(idx.ids()));
        }
    }

    private void runAndKill(Path dir, Path ack, String mode, long firstId, long killAfterMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), ack.toString(), mode, Long.toString(firstId)));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("child-" + mode + ".err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("READY", line, "child failed to start, see " + tmp);
            // On a heavily loaded machine a fixed window may pass before the child acknowledges
            // anything; wait for some progress first (bounded), then kill at a random instant.
            long ackedBefore = ackLines(ack);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ackLines(ack) < ackedBefore + 12 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(10);
            }
            Thread.sleep(killAfterMs);
            assertTrue(p.isAlive(), "child died by itself, see " + tmp);
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static long ackLines(Path ack) throws IOException {
        if (!Files.exists(ack)) {
            return 0;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(ack)) {
            return lines.count();
        }
    }

    /** Applies the ack file to {@code expected}; returns the highest acknowledged add. */
    private static long replayAcks(Path ack, Set<Long> expected) throws IOException {
        long max = 0;
        expected.clear();
        for (String line : Files.readAllLines(ack)) {
            if (line.startsWith("A ")) {
                long id = Long.parseLong(line.substring(2).trim());
                expected.add(id);
                max = Math.max(max, id);
            } else if (line.startsWith("D ")) {
                expected.remove(Long.parseLong(line.substring(2).trim()));
            }
        }
        return max;
    }

    /**
     * Checks the reopened index against the acknowledged writes. The one write in flight at the
     * kill may or may not have become durable; whatever the index shows for it is appended to the
     * ack file so later rounds expect it.
     */
    private static void verify(Path dir, Path ack, Set<Long> expected, long maxAcked) throws IOException {
        IndexOptions opts = IndexOptions.defaults().withSnapshotOnClose(false);
        StringBuilder corrections = new StringBuilder();
        try (IncidentIndex idx = IncidentIndex.open(dir, new HashEmbedder(), null, opts)) {
            for (long id : expected) {
                IncidentRecord got = idx.get(id).orElse(null);
                if (got == null && id == maxAcked - 3) {
                    corrections.append("D ").append(id).append('\n'); // delete in flight
                    continue;
                }
                assertEquals(CrashChild.record(id), got, "acknowledged incident " + id + " lost");
                assertTrue(idx.inGraph(id), "incident " + id + " missing from the graph");
            }
            long sample = expected.stream().skip(expected.size() / 2).findFirst().orElseThrow();
            assertTrue(idx.search(CrashChild.record(sample).text(), 10, SearchFilter.NONE).stream()
                    .anyMatch(h -> h.incident().id() == sample), "restored incident must be searchable");
            for (long id : idx.ids()) {
                if (!expected.contains(id)) {
                    assertTrue(id > maxAcked && id <= maxAcked + 1, "unexpected incident " + id
                            + " (max acked " + maxAcked + ")");
                    assertEquals(CrashChild.record(id), idx.get(id).orElseThrow());
                    corrections.append("A ").append(id).append('\n'); // add in flight
                }
            }
        }
        Files.writeString(ack, corrections, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertTrue(!Files.exists(dir.resolve("snapshot.hpvi.tmp")), "temp file must be cleaned up");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), "temp files left: " + names);
            assertTrue(names.stream().filter(n -> n.startsWith("graph-")).count() <= 1,
                    "only the current snapshot's graph file may remain: " + names);
        }
    }
}
