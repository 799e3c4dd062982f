package io.homepot.vectorindex.store;

/**
 * On-disk layout of an index directory (all integers big-endian, strings as
 * {@code int byteLength} + UTF-8 bytes, {@code -1} for null).
 *
 * <pre>
 * &lt;dir&gt;/snapshot.hpvi    last complete snapshot, replaced atomically (tmp + fsync + rename + dir fsync)
 *   header   int magic 'HPVS' (0x48505653), int formatVersion (1), long generation,
 *            int dimension, string modelId, int recordCount, int ordinalBound
 *   records  recordCount x { int ordinal, RECORD, float[dimension] vector }
 *   graph    JVector OnHeapGraphIndex.save() bytes (ordinals as above)
 *   trailer  long graphOffset, long crc32c(bytes [0, trailer)), int endMagic 'HPVE' (0x48505645)
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
    public static final int VERSION = 1;
    public static final String SNAPSHOT_FILE = "snapshot.hpvi";
    public static final String LOG_FILE = "changes.log";
    public static final byte OP_UPSERT = 1;
    public static final byte OP_DELETE = 2;
    /** Upper bound for one log payload, guards against reading garbage lengths. */
    public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private FileFormat() {
    }
}
