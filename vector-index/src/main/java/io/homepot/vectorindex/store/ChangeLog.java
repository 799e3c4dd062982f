package io.homepot.vectorindex.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, checksummed log of changes made since the snapshot of the same generation
 * (layout in {@link FileFormat}). {@link #append(List)} returns only after the entries are
 * written and, if enabled, fsynced: that is the durability point of an index write.
 * Not thread-safe; the index serialises writers.
 */
public final class ChangeLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);
    private static final int HEADER_BYTES = 24;

    private final Path path;
    private final int dimension;
    private final boolean fsync;
    private long generation;
    private FileChannel channel;
    private long entries;
    private Replay lastReplay;

    private ChangeLog(Path path, int dimension, boolean fsync) {
        this.path = path;
        this.dimension = dimension;
        this.fsync = fsync;
    }

    /** Result of {@link #open}: how many entries were replayed and whether a torn tail was cut. */
    public record Replay(long generation, long entries, long truncatedBytes) {
    }

    /**
     * Opens the log in {@code dir}, replaying entries of {@code expectedGeneration} into
     * {@code sink}. A missing log, or one of an older generation, is replaced by an empty log of
     * {@code expectedGeneration}.
     *
     * @throws CorruptIndexException if the header is unreadable or the generation is newer than
     *                               the snapshot's
     */
    public static ChangeLog open(Path dir, long expectedGeneration, int dimension, boolean fsync,
                                 Consumer<LogEntry> sink) throws IOException {
        ChangeLog log = new ChangeLog(dir.resolve(FileFormat.LOG_FILE), dimension, fsync);
        log.lastReplay = log.replayOrReset(expectedGeneration, sink);
        return log;
    }

    /** What {@link #open} replayed. */
    public Replay lastReplay() {
        return lastReplay;
    }

    private Replay replayOrReset(long expectedGeneration, Consumer<LogEntry> sink) throws IOException {
        if (!Files.exists(path) || Files.size(path) < HEADER_BYTES) {
            if (Files.exists(path)) {
                LOG.warn("change log {} shorter than its header, recreating it", path);
            }
            reset(expectedGeneration);
            return new Replay(expectedGeneration, 0, 0);
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(ch, header, 0);
            header.flip();
            int magic = header.getInt();
            int version = header.getInt();
            long gen = header.getLong();
            int dim = header.getInt();
            int crc = header.getInt();
            CRC32C c = new CRC32C();
            c.update(header.array(), 0, 20);
            if (magic != FileFormat.LOG_MAGIC || (int) c.getValue() != crc) {
                throw new CorruptIndexException("change log header invalid");
            }
            if (version != FileFormat.VERSION || dim != dimension) {
                throw new CorruptIndexException("change log version " + version + "/dim " + dim
                        + " unsupported");
            }
            if (gen < expectedGeneration) {
                ch.close();
                LOG.info("change log generation {} already contained in snapshot {}, discarding",
                        gen, expectedGeneration);
                reset(expectedGeneration);
                return new Replay(expectedGeneration, 0, 0);
            }
            if (gen > expectedGeneration) {
                throw new CorruptIndexException("change log generation " + gen
                        + " is newer than snapshot generation " + expectedGeneration);
            }
            long size = ch.size();
            long pos = HEADER_BYTES;
            long count = 0;
            ByteBuffer lenCrc = ByteBuffer.allocate(8);
            while (pos + 8 <= size) {
                lenCrc.clear();
                readFully(ch, lenCrc, pos);
                lenCrc.flip();
                int len = lenCrc.getInt();
                int crcExpected = lenCrc.getInt();
                if (len <= 0 || len > FileFormat.MAX_PAYLOAD || pos + 8 + len > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, pos + 8);
                CRC32C pc = new CRC32C();
                pc.update(payload.array());
                if ((int) pc.getValue() != crcExpected) {
                    break;
                }
                payload.flip();
                sink.accept(decode(payload));
                count++;
                pos += 8 + len;
            }
            long cut = size - pos;
            if (cut > 0) {
                LOG.warn("change log {}: torn tail of {} bytes after {} valid entries (crash during "
                        + "append), truncating", path, cut, count);
                ch.truncate(pos);
                ch.force(true);
            }
            ch.position(pos);
            this.channel = ch;
            this.generation = gen;
            this.entries = count;
            return new Replay(gen, count, cut);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private LogEntry decode(ByteBuffer payload) {
        try {
            byte op = payload.get();
            if (op == FileFormat.OP_UPSERT) {
                return new LogEntry.Upsert(RecordCodec.readRecord(payload),
                        RecordCodec.readVector(payload, dimension));
            }
            if (op == FileFormat.OP_DELETE) {
                return new LogEntry.Delete(payload.getLong());
            }
            throw new IllegalStateException("unknown log op " + op);
        } catch (CorruptIndexException e) {
            throw new IllegalStateException("checksummed log entry undecodable", e);
        }
    }

    /** Appends the entries in order; durable (fsynced if configured) when this returns. */
    public void append(List<? extends LogEntry> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * (dimension * 4 + 256));
        DataOutputStream out = new DataOutputStream(bytes);
        ByteArrayOutputStream one = new ByteArrayOutputStream(dimension * 4 + 256);
        DataOutputStream p = new DataOutputStream(one);
        for (LogEntry e : batch) {
            one.reset();
            switch (e) {
                case LogEntry.Upsert u -> {
                    p.writeByte(FileFormat.OP_UPSERT);
                    RecordCodec.writeRecord(p, u.record());
                    RecordCodec.writeVector(p, u.vector());
                }
                case LogEntry.Delete d -> {
                    p.writeByte(FileFormat.OP_DELETE);
                    p.writeLong(d.id());
                }
            }
            byte[] payload = one.toByteArray();
            CRC32C c = new CRC32C();
            c.update(payload);
            out.writeInt(payload.length);
            out.writeInt((int) c.getValue());
            out.write(payload);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (fsync) {
            channel.force(false);
        }
        entries += batch.size();
    }

    /** Replaces the log by an empty one of {@code newGeneration} (tmp + fsync + rename). */
    public void reset(long newGeneration) throws IOException {
        if (channel != null) {
            channel.close();
        }
        Path tmp = path.resolveSibling(FileFormat.LOG_FILE + ".tmp");
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(FileFormat.LOG_MAGIC).putInt(FileFormat.VERSION).putLong(newGeneration)
                .putInt(dimension);
        CRC32C c = new CRC32C();
        c.update(header.array(), 0, 20);
        header.putInt((int) c.getValue());
        header.flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(path.getParent());
        channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.position(channel.size());
        generation = newGeneration;
        entries = 0;
    }

    /** Entries appended (or replayed) since the last reset. */
    public long entries() {
        return entries;
    }

    public long generation() {
        return generation;
    }

    /** Current size of the log file in bytes. */
    public long sizeBytes() throws IOException {
        return channel.size();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new CorruptIndexException("unexpected end of change log");
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
