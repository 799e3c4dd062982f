package io.homepot.vectorindex.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * On-disk layout of an index directory (all integers big-endian, strings as
 * {@code int byteLength} + UTF-8 bytes, {@code -1} for null).
 *
 * <pre>
 * &lt;dir&gt;/snapshot.hpvi    last complete snapshot, replaced atomically (tmp + fsync + rename + dir fsync)
 *
 * version 1 (heap snapshot: every vector and the graph are loaded into the heap)
 *   header   int magic 'HPVS' (0x48505653), int formatVersion (1), long generation,
 *            int dimension, string modelId, int recordCount, int ordinalBound
 *   records  recordCount x { int ordinal, RECORD, float[dimension] vector }
 *   graph    JVector OnHeapGraphIndex.save() bytes (ordinals as above)
 *   trailer  long graphOffset, long crc32c(bytes [0, trailer)), int endMagic 'HPVE' (0x48505645)
 *
 * version 2 (disk snapshot: graph and full vectors stay in a memory-mapped file, PQ codes and
 *            compact columns on heap, records decoded from the mapped file on demand)
 *   header   int magic 'HPVS', int formatVersion (2), long generation, int dimension,
 *            string modelId, int recordCount, string graphFileName, long graphFileSize,
 *            long graphFileCrc32c
 *   records  recordCount x RECORD in ordinal order; ordinal = rank of the id (ascending ids)
 *   columns  3 x { int n, n x string }  dictionaries of siteId, deviceId, category
 *            long[recordCount] ids, long[recordCount] timestampMs,
 *            int[recordCount] record offset (from the start of the records section),
 *            int[recordCount] site code, int[recordCount] device code, int[recordCount] category code
 *            (code = index into the dictionary, -1 = null)
 *   pq       JVector PQVectors.write() bytes (codebooks + one code per ordinal)
 *   trailer  long columnsOffset, long pqOffset, long crc32c(bytes [0, trailer)), int endMagic 'HPVE'
 *
 * &lt;dir&gt;/graph-&lt;generation&gt;.odgi   (version 2 only) JVector OnDiskGraphIndex with INLINE_VECTORS
 *            (full-precision vectors for reranking), same ordinals as the records; written as
 *            .tmp, fsynced and renamed before the snapshot that names it; files no snapshot names
 *            are deleted on open
 *
 * &lt;dir&gt;/changes.log      append-only changes since the snapshot of the same generation
 *   header   int magic 'HPVL' (0x4850564C), int formatVersion (1), long generation,
 *            int dimension, int crc32c(previous 20 bytes)
 *   entries  { int payloadLength, int crc32c(payload), payload }*
 *   payload  byte 1 (UPSERT) RECORD float[dimension] | byte 2 (DELETE) long id
 *
 * RECORD   long id, string deviceId, string siteId, string deviceType, string category,
 *          string severity, string resolution, long timestampMs, string text
 * </pre>
 *
 * A log whose generation is older than the snapshot's is already contained in the snapshot and
 * is discarded; an entry with a bad length or checksum marks a torn tail (crash during append)
 * and the log is truncated there. Leftover {@code *.tmp} files are deleted on open.
 */
public final class FileFormat {

    public static final int SNAPSHOT_MAGIC = 0x48505653;
    public static final int SNAPSHOT_END_MAGIC = 0x48505645;
    public static final int LOG_MAGIC = 0x4850564C;
    /** Change-log format version. */
    public static final int VERSION = 1;
    /** Snapshot with vectors and graph on heap. */
    public static final int SNAPSHOT_VERSION_HEAP = 1;
    /** Snapshot with a memory-mapped on-disk graph, inline vectors and PQ codes. */
    public static final int SNAPSHOT_VERSION_DISK = 2;
    public static final String GRAPH_FILE_PREFIX = "graph-";
    public static final String GRAPH_FILE_SUFFIX = ".odgi";
    public static final String SNAPSHOT_FILE = "snapshot.hpvi";
    public static final String LOG_FILE = "changes.log";
    public static final byte OP_UPSERT = 1;
    public static final byte OP_DELETE = 2;
    /** Upper bound for one log payload, guards against reading garbage lengths. */
    public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private FileFormat() {
    }

    /** CRC32C of the first {@code length} bytes of {@code ch}, read through memory maps of at most 1 GiB. */
    static long crc32c(FileChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        for (long pos = 0; pos < length; pos += 1 << 30) {
            crc.update(ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(1 << 30, length - pos)));
        }
        return crc.getValue();
    }
}
