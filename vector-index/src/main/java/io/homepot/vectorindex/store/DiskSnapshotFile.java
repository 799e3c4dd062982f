package io.homepot.vectorindex.store;

import io.github.jbellis.jvector.disk.IndexWriter;
import io.github.jbellis.jvector.disk.RandomAccessReader;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.quantization.PQVectors;
import io.homepot.vectorindex.model.IncidentRecord;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Version-2 snapshot (layout in {@link FileFormat}): records, filter columns and PQ codes in
 * {@code snapshot.hpvi}, referring to a JVector on-disk graph file written before it. Written to
 * {@code snapshot.hpvi.tmp}, fsynced and renamed atomically, like version 1.
 */
public final class DiskSnapshotFile {

    private static final int TRAILER_BYTES = 28;

    private DiskSnapshotFile() {
    }

    /** Header values; the graph file is named relative to the index directory. */
    public record Header(long generation, int dimension, String modelId, int recordCount,
                         String graphFile, long graphFileSize, long graphFileCrc) {
    }

    /** Writes the PQ section (JVector {@code PQVectors.write}). */
    @FunctionalInterface
    public interface PqWriter {
        void write(IndexWriter out) throws IOException;
    }

    /** A read snapshot: header, columns over the mapped records, PQ codes. Close to unmap. */
    public record Loaded(Header header, DiskRecords records, PQVectors pq, ReaderSupplier file)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /**
     * Atomically replaces the snapshot in {@code dir}; {@code records} must yield exactly
     * {@code header.recordCount()} records in ascending id order (ordinal order).
     */
    public static void write(Path dir, Header header, Iterator<IncidentRecord> records, PqWriter pq)
            throws IOException {
        Path tmp = dir.resolve(FileFormat.SNAPSHOT_FILE + ".tmp");
        CRC32C crc = new CRC32C();
        int n = header.recordCount();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            CountingCrcStream counting = new CountingCrcStream(Channels.newOutputStream(ch), crc);
            StreamIndexWriter out = new StreamIndexWriter(new BufferedOutputStream(counting, 1 << 16), counting);
            out.writeInt(FileFormat.SNAPSHOT_MAGIC);
            out.writeInt(FileFormat.SNAPSHOT_VERSION_DISK);
            out.writeLong(header.generation());
            out.writeInt(header.dimension());
            RecordCodec.writeString(out, header.modelId());
            out.writeInt(n);
            RecordCodec.writeString(out, header.graphFile());
            out.writeLong(header.graphFileSize());
            out.writeLong(header.graphFileCrc());
            long[] ids = new long[n];
            long[] ts = new long[n];
            int[] offsets = new int[n];
            int[][] codes = new int[3][n];
            java.util.List<Map<String, Integer>> dicts = java.util.List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
            ByteArrayOutputStream one = new ByteArrayOutputStream(1024);
            DataOutputStream rec = new DataOutputStream(one);
            long offset = 0;
            int i = 0;
            while (records.hasNext()) {
                IncidentRecord r = records.next();
                if (i >= n || (i > 0 && r.id() <= ids[i - 1])) {
                    throw new IllegalStateException("records must be " + n + " in ascending id order");
                }
                one.reset();
                RecordCodec.writeRecord(rec, r);
                if (offset + one.size() > Integer.MAX_VALUE) {
                    throw new IllegalStateException("records section over 2 GB is not supported");
                }
                ids[i] = r.id();
                ts[i] = r.timestampMs();
                offsets[i] = (int) offset;
                codes[0][i] = code(dicts.get(0), r.siteId());
                codes[1][i] = code(dicts.get(1), r.deviceId());
                codes[2][i] = code(dicts.get(2), r.category());
                one.writeTo(out);
                offset += one.size();
                i++;
            }
            if (i != n) {
                throw new IllegalStateException("wrote " + i + " records, header says " + n);
            }
            long columnsOffset = out.position();
            for (Map<String, Integer> d : dicts) {
                String[] byCode = new String[d.size()];
                d.forEach((s, c) -> byCode[c] = s);
                out.writeInt(byCode.length);
                for (String s : byCode) {
                    RecordCodec.writeString(out, s);
                }
            }
            for (long v : ids) {
                out.writeLong(v);
            }
            for (long v : ts) {
                out.writeLong(v);
            }
            for (int v : offsets) {
                out.writeInt(v);
            }
            for (int[] column : codes) {
                for (int v : column) {
                    out.writeInt(v);
                }
            }
            long pqOffset = out.position();
            pq.write(out);
            out.flush();
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            trailer.putLong(columnsOffset).putLong(pqOffset).putLong(crc.getValue())
                    .putInt(FileFormat.SNAPSHOT_END_MAGIC);
            trailer.flip();
            while (trailer.hasRemaining()) {
                ch.write(trailer);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FileFormat.SNAPSHOT_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(dir);
    }

    private static int code(Map<String, Integer> dict, String value) {
        return value == null ? DiskRecords.NULL_CODE : dict.computeIfAbsent(value, v -> dict.size());
    }

    /**
     * Verifies and opens the version-2 snapshot in {@code dir}: checksum of the snapshot, size
     * (and, if {@code verifyGraph}, checksum) of the graph file it names, model and dimension.
     *
     * @throws CorruptIndexException if anything does not match
     */
    public static Loaded read(Path dir, int expectedDimension, String expectedModelId, boolean verifyGraph)
            throws IOException {
        Path file = dir.resolve(FileFormat.SNAPSHOT_FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < TRAILER_BYTES + 48) {
                throw new CorruptIndexException("snapshot too small: " + size);
            }
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
            ch.read(trailer, size - TRAILER_BYTES);
            trailer.flip();
            long columnsOffset = trailer.getLong();
            long pqOffset = trailer.getLong();
            long crcExpected = trailer.getLong();
            long body = size - TRAILER_BYTES;
            if (trailer.getInt() != FileFormat.SNAPSHOT_END_MAGIC || columnsOffset <= 0
                    || columnsOffset > pqOffset || pqOffset > body || columnsOffset > Integer.MAX_VALUE) {
                throw new CorruptIndexException("snapshot trailer invalid");
            }
            if (FileFormat.crc32c(ch, body) != crcExpected) {
                throw new CorruptIndexException("snapshot checksum mismatch");
            }
            MappedByteBuffer head = ch.map(FileChannel.MapMode.READ_ONLY, 0, columnsOffset);
            if (head.getInt() != FileFormat.SNAPSHOT_MAGIC || head.getInt() != FileFormat.SNAPSHOT_VERSION_DISK) {
                throw new CorruptIndexException("not a version-2 snapshot");
            }
            long generation = head.getLong();
            int dimension = head.getInt();
            String modelId = RecordCodec.readString(head);
            if (dimension != expectedDimension || !expectedModelId.equals(modelId)) {
                throw new CorruptIndexException("snapshot built with " + modelId + "/" + dimension
                        + ", embedder is " + expectedModelId + "/" + expectedDimension);
            }
            int n = head.getInt();
            Header h = new Header(generation, dimension, modelId, n, RecordCodec.readString(head),
                    head.getLong(), head.getLong());
            ByteBuffer recordBytes = head.slice(head.position(), (int) columnsOffset - head.position());
            DiskRecords records = readColumns(ch.map(FileChannel.MapMode.READ_ONLY, columnsOffset,
                    pqOffset - columnsOffset), recordBytes, n);
            checkGraphFile(dir, h, verifyGraph);
            ReaderSupplier rs = ReaderSupplierFactory.open(file);
            try (RandomAccessReader reader = rs.get()) {
                reader.seek(pqOffset);
                PQVectors pq = PQVectors.load(reader);
                if (pq.count() != n) {
                    throw new CorruptIndexException("PQ codes for " + pq.count() + " vectors, snapshot has " + n);
                }
                return new Loaded(h, records, pq, rs);
            } catch (IOException | RuntimeException e) {
                rs.close();
                throw e;
            }
        }
    }

    private static DiskRecords readColumns(ByteBuffer in, ByteBuffer recordBytes, int n) throws CorruptIndexException {
        try {
            String[][] dicts = new String[3][];
            for (int d = 0; d < 3; d++) {
                int size = in.getInt();
                if (size < 0 || size > n) {
                    throw new CorruptIndexException("bad dictionary size " + size);
                }
                dicts[d] = new String[size];
                for (int i = 0; i < size; i++) {
                    dicts[d][i] = RecordCodec.readString(in);
                }
            }
            long[] ids = new long[n];
            long[] ts = new long[n];
            int[] offsets = new int[n];
            int[][] codes = new int[3][n];
            in.asLongBuffer().get(ids);
            in.position(in.position() + 8 * n);
            in.asLongBuffer().get(ts);
            in.position(in.position() + 8 * n);
            in.asIntBuffer().get(offsets);
            in.position(in.position() + 4 * n);
            for (int[] column : codes) {
                in.asIntBuffer().get(column);
                in.position(in.position() + 4 * n);
            }
            for (int i = 0; i < n; i++) {
                if ((i > 0 && ids[i] <= ids[i - 1]) || offsets[i] < 0 || offsets[i] >= recordBytes.capacity()) {
                    throw new CorruptIndexException("column data inconsistent at ordinal " + i);
                }
            }
            return new DiskRecords(recordBytes, ids, ts, offsets, codes, dicts);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CorruptIndexException("columns section truncated: " + e);
        }
    }

    private static void checkGraphFile(Path dir, Header h, boolean verifyChecksum) throws IOException {
        Path graph = dir.resolve(h.graphFile());
        if (!h.graphFile().startsWith(FileFormat.GRAPH_FILE_PREFIX) || !Files.exists(graph)
                || Files.size(graph) != h.graphFileSize()) {
            throw new CorruptIndexException("graph file " + h.graphFile() + " missing or of wrong size");
        }
        if (verifyChecksum && crc32c(graph) != h.graphFileCrc()) {
            throw new CorruptIndexException("graph file " + h.graphFile() + " checksum mismatch");
        }
    }

    /** CRC32C of a whole file (memory-mapped in chunks). */
    public static long crc32c(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return FileFormat.crc32c(ch, ch.size());
        }
    }

    /** Forces a file's contents to disk. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** JVector {@link IndexWriter} over a buffered stream; position = bytes passed through. */
    private static final class StreamIndexWriter extends DataOutputStream implements IndexWriter {
        private final CountingCrcStream counting;

        StreamIndexWriter(OutputStream buffered, CountingCrcStream counting) {
            super(buffered);
            this.counting = counting;
        }

        @Override
        public long position() throws IOException {
            flush();
            return counting.count();
        }
    }
}
