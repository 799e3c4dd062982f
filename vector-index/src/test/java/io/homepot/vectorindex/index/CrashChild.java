package io.homepot.vectorindex.index;

import io.homepot.vectorindex.model.IncidentRecord;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM of {@link CrashSafetyTest}: writes to an index in a loop and records every
 * acknowledged (returned, hence durable) write in a side file, until it is killed.
 * Args: indexDir ackFile mode(add|snapshot|disk|disksnap) firstId; the disk modes use the disk
 * tier (format-2 snapshots) from {@link IndexOptions#MIN_DISK_INCIDENTS} incidents.
 */
public final class CrashChild {

    private CrashChild() {
    }

    /** The deterministic record for an id, shared with the verifying test. */
    static IncidentRecord record(long id) {
        String[] cats = {"temperature", "power", "connectivity", "storage"};
        return new IncidentRecord(id, "dev-" + (id % 17), "site-" + (id % 3), "fridge",
                cats[(int) (id % 4)], "warning", null, id * 1000,
                "incident " + id + " " + cats[(int) (id % 4)] + " alarm on device dev-" + (id % 17));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[2];
        long id = Long.parseLong(args[3]);
        IndexOptions opts = IndexOptions.defaults().withSnapshotOnClose(false).withAutoSnapshotAfter(0);
        boolean disk = mode.startsWith("disk");
        if (disk) {
            // disk tier (snapshot format 2) from the smallest allowed size
            opts = opts.withDiskThreshold(IndexOptions.MIN_DISK_INCIDENTS);
        }
        IncidentIndex index = IncidentIndex.open(dir, new HashEmbedder(), null, opts);
        try (OutputStream ack = new FileOutputStream(args[1], true)) {
            System.out.println("READY");
            System.out.flush();
            long n = 0;
            while (true) {
                if ("snapshot".equals(mode) || "disksnap".equals(mode)) {
                    for (int i = 0; i < 5; i++, id++) {
                        index.upsert(record(id));
                        ack.write(("A " + id + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    index.snapshot();
                    ack.write("S\n".getBytes(StandardCharsets.UTF_8));
                } else {
                    index.upsert(record(id));
                    ack.write(("A " + id + "\n").getBytes(StandardCharsets.UTF_8));
                    if (++n % 7 == 0) {
                        index.delete(id - 3);
                        ack.write(("D " + (id - 3) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    if (n % (disk ? 40 : 150) == 0) {
                        index.snapshot();
                    }
                    id++;
                }
            }
        }
    }
}
