package io.homepot.vectorindex.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homepot.vectorindex.model.IncidentRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeLogTest {

    @TempDir
    Path dir;

    private static LogEntry.Upsert upsert(long id) {
        float[] v = new float[4];
        v[(int) (id % 4)] = 1f;
        return new LogEntry.Upsert(new IncidentRecord(id, "d", "s", "t", "c", "warning", id % 2 == 0 ? null : "fixed",
                id, "text é " + id), v);
    }

    @Test
    void replaysEntriesAndCutsATornTail() throws IOException {
        try (ChangeLog log = ChangeLog.open(dir, 3, 4, true, e -> { })) {
            log.append(List.of(upsert(1), upsert(2)));
            log.append(List.of(new LogEntry.Delete(1), upsert(3)));
        }
        Path file = dir.resolve(FileFormat.LOG_FILE);
        long full = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(full - 5); // crash in the middle of the last entry
        }
        List<LogEntry> seen = new ArrayList<>();
        try (ChangeLog log = ChangeLog.open(dir, 3, 4, true, seen::add)) {
            assertEquals(3, seen.size());
            assertEquals(upsert(1).record(), ((LogEntry.Upsert) seen.get(0)).record());
            assertArrayEquals(upsert(2).vector(), ((LogEntry.Upsert) seen.get(1)).vector());
            assertInstanceOf(LogEntry.Delete.class, seen.get(2));
            assertEquals(full - 5, log.lastReplay().truncatedBytes() + Files.size(file));
            assertEquals(3, log.lastReplay().entries());
            log.append(List.of(upsert(4)));
        }
        seen.clear();
        try (ChangeLog log = ChangeLog.open(dir, 3, 4, true, seen::add)) {
            assertEquals(4, seen.size(), "appends after the cut are readable");
        }
    }

    @Test
    void olderGenerationIsDiscardedNewerIsCorrupt() throws IOException {
        try (ChangeLog log = ChangeLog.open(dir, 1, 4, true, e -> { })) {
            log.append(List.of(upsert(1)));
        }
        List<LogEntry> seen = new ArrayList<>();
        try (ChangeLog log = ChangeLog.open(dir, 2, 4, true, seen::add)) {
            assertEquals(0, seen.size());
            assertEquals(2, log.generation());
        }
        assertThrows(CorruptIndexException.class, () -> ChangeLog.open(dir, 1, 4, true, e -> { }));
    }

    @Test
    void flippedByteInAnEntryStopsReplayThere() throws IOException {
        try (ChangeLog log = ChangeLog.open(dir, 0, 4, true, e -> { })) {
            log.append(List.of(upsert(1), upsert(2), upsert(3)));
        }
        Path file = dir.resolve(FileFormat.LOG_FILE);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() - 3);
            f.write(0x5A);
        }
        List<LogEntry> seen = new ArrayList<>();
        try (ChangeLog log = ChangeLog.open(dir, 0, 4, true, seen::add)) {
            assertEquals(2, seen.size());
        }
    }
}
