package io.homepot.vectorindex.store;

import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.homepot.vectorindex.model.IncidentRecord;
import java.io.BufferedOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads and atomically writes {@code snapshot.hpvi}: records, vectors and the JVector graph in
 * one checksummed file (layout in {@link FileFormat}). A snapshot is either entirely the old or
 * entirely the new one: it is written to {@code snapshot.hpvi.tmp}, fsynced, renamed over the old
 * file, and the directory is fsynced.
 */
public final class SnapshotFile {

    private static final int TRAILER_BYTES = 20;

    private SnapshotFile() {
    }

    /** Header values of a snapshot. */
    public record Header(long generation, int dimension, String modelId, int recordCount,
                         int ordinalBound) {
    }

    /** One stored incident with its graph ordinal and vector. */
    public record Entry(int ordinal, IncidentRecord record, float[] vector) {
    }

    /** Writes the graph section. */
    @FunctionalInterface
    public interface GraphWriter {
        void write(DataOutput out) throws IOException;
    }

    /** Loads the graph section; the reader is positioned at its first byte. */
    @FunctionalInterface
    public interface GraphLoader {
        void load(RandomAccessReader reader) throws IOException;
    }

    /** Receives entries while reading. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(Entry entry);
    }

    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FileFormat.SNAPSHOT_FILE));
    }

    /**
     * Format version of the snapshot in {@code dir} ({@link FileFormat#SNAPSHOT_VERSION_HEAP} or
     * {@link FileFormat#SNAPSHOT_VERSION_DISK}); reads only the first 8 bytes.
     *
     * @throws CorruptIndexException if the file is too short or the magic is wrong
     */
    public static int version(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(FileFormat.SNAPSHOT_FILE), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    throw new CorruptIndexException("snapshot shorter than its header");
                }
            }
            b.flip();
            if (b.getInt() != FileFormat.SNAPSHOT_MAGIC) {
                throw new CorruptIndexException("not a snapshot file (bad magic)");
            }
            return b.getInt();
        }
    }

    /** Atomically replaces the snapshot in {@code dir}. */
    public static void write(Path dir, Header header, Iterable<Entry> entries, GraphWriter graph)
            throws IOException {
        Path target = dir.resolve(FileFormat.SNAPSHOT_FILE);
        Path tmp = dir.resolve(FileFormat.SNAPSHOT_FILE + ".tmp");
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CountingCrcStream counting = new CountingCrcStream(java.nio.channels.Channels.newOutputStream(ch), crc);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(counting, 1 << 16));
            out.writeInt(FileFormat.SNAPSHOT_MAGIC);
            out.writeInt(FileFormat.SNAPSHOT_VERSION_HEAP);
            out.writeLong(header.generation());
            out.writeInt(header.dimension());
            RecordCodec.writeString(out, header.modelId());
            out.writeInt(header.recordCount());
            out.writeInt(header.ordinalBound());
            int written = 0;
            for (Entry e : entries) {
                out.writeInt(e.ordinal());
                RecordCodec.writeRecord(out, e.record());
                RecordCodec.writeVector(out, e.vector());
                written++;
            }
            if (written != header.recordCount()) {
                throw new IllegalStateException("wrote " + written + " records, header says "
                        + header.recordCount());
            }
            out.flush();
            long graphOffset = counting.count();
            graph.write(out);
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            trailer.putLong(graphOffset).putLong(crc.getValue()).putInt(FileFormat.SNAPSHOT_END_MAGIC);
            trailer.flip();
            while (trailer.hasRemaining()) {
                ch.write(trailer);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(dir);
    }

    /**
     * Verifies and reads the snapshot in {@code dir}.
     *
     * @throws CorruptIndexException on bad magic, version, checksum or structure, or when the
     *                               snapshot was made with another model
     */
    public static Header read(Path dir, int expectedDimension, String expectedModelId,
                              EntrySink sink, GraphLoader graph) throws IOException {
        Path file = dir.resolve(FileFormat.SNAPSHOT_FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < TRAILER_BYTES + 32) {
                throw new CorruptIndexException("snapshot too small: " + size);
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            ch.read(trailer, size - TRAILER_BYTES);
            trailer.flip();
            long graphOffset = trailer.getLong();
            long crcExpected = trailer.getLong();
            if (trailer.getInt() != FileFormat.SNAPSHOT_END_MAGIC || graphOffset <= 0
                    || graphOffset > size - TRAILER_BYTES) {
                throw new CorruptIndexException("snapshot trailer invalid");
            }
            if (FileFormat.crc32c(ch, size - TRAILER_BYTES) != crcExpected) {
                throw new CorruptIndexException("snapshot checksum mismatch");
            }
            MappedByteBuffer in = ch.map(FileChannel.MapMode.READ_ONLY, 0, graphOffset);
            if (in.getInt() != FileFormat.SNAPSHOT_MAGIC) {
                throw new CorruptIndexException("not a snapshot file (bad magic)");
            }
            int version = in.getInt();
            if (version != FileFormat.SNAPSHOT_VERSION_HEAP) {
                throw new CorruptIndexException("unsupported snapshot format version " + version);
            }
            long generation = in.getLong();
            int dimension = in.getInt();
            String modelId = RecordCodec.readString(in);
            if (dimension != expectedDimension || !expectedModelId.equals(modelId)) {
                throw new CorruptIndexException("snapshot built with " + modelId + "/" + dimension
                        + ", embedder is " + expectedModelId + "/" + expectedDimension);
            }
            int count = in.getInt();
            int bound = in.getInt();
            for (int i = 0; i < count; i++) {
                int ordinal = in.getInt();
                if (ordinal < 0 || ordinal >= bound) {
                    throw new CorruptIndexException("ordinal " + ordinal + " out of range");
                }
                IncidentRecord r = RecordCodec.readRecord(in);
                sink.accept(new Entry(ordinal, r, RecordCodec.readVector(in, dimension)));
            }
            if (in.position() != graphOffset) {
                throw new CorruptIndexException("record section length mismatch");
            }
            try (ReaderSupplier rs = ReaderSupplierFactory.open(file); RandomAccessReader reader = rs.get()) {
                reader.seek(graphOffset);
                graph.load(reader);
            }
            return new Header(generation, dimension, modelId, count, bound);
        }
    }
}
