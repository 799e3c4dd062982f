package io.homepot.vectorindex.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link AttentionFuser attention-fused} copy of an ONNX model in
 * {@code <dataDir>/models/}: written once at the first open (temp file + atomic rename, so a crash
 * never leaves a truncated model), reused afterwards. The file name carries the fuser version and
 * the source's size and modification time, so a changed model or fuser produces a new file. A
 * model without the pattern (e.g. the int8 graph) gets a small {@code .unfused} marker and is
 * used as it is; so is the source whenever the rewrite fails (logged). Writing a new fused copy
 * deletes older fused copies of the same model (another source size/time or fuser version).
 */
final class FusedModelCache {

    private static final Logger LOG = LoggerFactory.getLogger(FusedModelCache.class);
    /** Bump when {@link AttentionFuser}'s output changes. */
    static final int FUSER_VERSION = 1;

    private FusedModelCache() {
    }

    /** The fused model for {@code source}, or {@code source} itself if it cannot be fused. */
    static Path resolve(Path source, Path dataDir) {
        try {
            String base = source.getFileName().toString().replaceFirst("\\.onnx$", "");
            String key = "fused-v" + FUSER_VERSION + "-" + Files.size(source) + "-"
                    + Files.getLastModifiedTime(source).toMillis();
            Path dir = dataDir.resolve("models");
            Path fused = dir.resolve(base + "-" + key + ".onnx");
            Path marker = dir.resolve(base + "-" + key + ".unfused");
            if (Files.isRegularFile(fused)) {
                return fused;
            }
            if (Files.exists(marker)) {
                return source;
            }
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            Path tmp = Files.createTempFile(dir, base, ".tmp");
            try {
                int blocks = AttentionFuser.fuse(source, tmp);
                if (blocks == 0) {
                    Files.writeString(marker, "attention pattern not found in " + source + "\n");
                    LOG.info("{}: no attention pattern to fuse, using it as it is", source.getFileName());
                    return source;
                }
                Files.move(tmp, fused, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("wrote {} ({} attention blocks fused) in {} ms", fused, blocks,
                        (System.nanoTime() - t0) / 1_000_000);
                deleteStale(dir, base, fused.getFileName().toString());
                return fused;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot fuse attention of {} ({}); using the model as it is", source, e.toString());
            return source;
        }
    }

    /** Deletes fused copies of {@code base} made from an older model file or fuser version. */
    private static void deleteStale(Path dir, String base, String current) {
        String prefix = base + "-fused-v";
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".onnx") && !name.equals(current)) {
                    Files.deleteIfExists(p);
                    LOG.info("deleted stale fused model {}", p);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up old fused models in {} ({})", dir, e.toString());
        }
    }

    /** Deletes a cached fused model that could not be loaded (it is rewritten at the next open). */
    static void discard(Path fused) {
        try {
            Files.deleteIfExists(fused);
        } catch (IOException e) {
            LOG.warn("cannot delete {} ({})", fused, e.toString());
        }
    }
}
