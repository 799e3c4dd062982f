package io.homepot.vectorindex;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of {@code ../shared} (beside the repository root) from the module directory. */
public final class TestPaths {

    private TestPaths() {
    }

    /** Resolves {@code relative} inside the shared directory, failing clearly if absent. */
    public static Path shared(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared file not found above " + System.getProperty("user.dir")
                + ": shared/" + relative);
    }

    /** Per-run data dir for native caches, shared by the tests of one JVM. */
    public static Path dataDir() {
        return Path.of(System.getProperty("user.dir"), "target", "test-data");
    }
}
