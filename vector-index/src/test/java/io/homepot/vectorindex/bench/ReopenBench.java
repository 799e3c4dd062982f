package io.homepot.vectorindex.bench;

import io.homepot.vectorindex.embed.EmbedderConfig;
import io.homepot.vectorindex.embed.MiniLmEmbedder;
import io.homepot.vectorindex.index.IncidentIndex;
import io.homepot.vectorindex.index.IndexOptions;
import java.nio.file.Path;

/** Manual: times repeated opens of an existing index directory (args: dir [times]). */
public final class ReopenBench {

    private ReopenBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (MiniLmEmbedder e = MiniLmEmbedder.open(EmbedderConfig.defaults(Path.of("target/bench-data")))) {
            for (int i = 0; i < times; i++) {
                long t = System.nanoTime();
                IncidentIndex idx = IncidentIndex.open(dir, e, null,
                        IndexOptions.defaults().withSnapshotOnClose(false));
                System.out.printf("open %d incidents: %.3f s (load avg %s)%n", idx.size(), (System.nanoTime() - t) / 1e9,
                        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
                idx.close();
            }
        }
    }
}
