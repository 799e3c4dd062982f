package io.homepot.vectorindex.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Housekeeping of the files in an index directory (see {@link FileFormat}). */
public final class IndexDirectory {

    private IndexDirectory() {
    }

    /** Renames snapshot, log and graph files to {@code *.corrupt} (keeps them for inspection). */
    public static void moveAside(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(graphFiles(dir));
        files.add(dir.resolve(FileFormat.SNAPSHOT_FILE));
        files.add(dir.resolve(FileFormat.LOG_FILE));
        for (Path p : files) {
            if (Files.exists(p)) {
                Files.move(p, p.resolveSibling(p.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Deletes graph files that the current snapshot does not name (left by a crash between
     * writing a graph file and committing its snapshot, or by a replaced snapshot).
     *
     * @param keep file name of the current snapshot's graph, or {@code null} for none
     * @return how many were deleted
     */
    public static int deleteGraphFilesExcept(Path dir, String keep) throws IOException {
        int n = 0;
        for (Path p : graphFiles(dir)) {
            if (!p.getFileName().toString().equals(keep)) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        return n;
    }

    private static List<Path> graphFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
                FileFormat.GRAPH_FILE_PREFIX + "*" + FileFormat.GRAPH_FILE_SUFFIX)) {
            ds.forEach(out::add);
        }
        return out;
    }
}
