package io.homepot.vectorindex.store;

import io.homepot.vectorindex.model.IncidentRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The records of a version-2 snapshot in heap-light form: the record bytes stay in the mapped
 * file and are decoded on demand; the heap keeps only what lookups and filters need, as columns
 * (id, timestamp, record offset, dictionary codes of site, device and category: 32 bytes per
 * incident). Ordinal = rank of the id, so id lookups are binary searches. Immutable and
 * thread-safe.
 */
public final class DiskRecords {

    /** Dictionary code of a {@code null} field. */
    public static final int NULL_CODE = -1;
    /** Code of a filter value that no record has. */
    private static final int ABSENT = -2;

    private final ByteBuffer records;
    private final long[] ids;
    private final long[] timestamps;
    private final int[] offsets;
    private final int[][] codes;
    private final String[][] dictionaries;

    DiskRecords(ByteBuffer records, long[] ids, long[] timestamps, int[] offsets, int[][] codes,
                String[][] dictionaries) {
        this.records = records;
        this.ids = ids;
        this.timestamps = timestamps;
        this.offsets = offsets;
        this.codes = codes;
        this.dictionaries = dictionaries;
    }

    public int size() {
        return ids.length;
    }

    public long id(int ordinal) {
        return ids[ordinal];
    }

    /** Ordinal of {@code id}, or {@code -1}. */
    public int ordinalOf(long id) {
        int i = Arrays.binarySearch(ids, id);
        return i >= 0 ? i : -1;
    }

    /** Decodes the record of {@code ordinal} from the mapped file. */
    public IncidentRecord record(int ordinal) {
        ByteBuffer b = records.duplicate();
        b.position(offsets[ordinal]);
        try {
            return RecordCodec.readRecord(b);
        } catch (CorruptIndexException e) {
            throw new IllegalStateException("checksummed snapshot record undecodable", e);
        }
    }

    /**
     * A predicate over ordinals: {@code null} arguments match everything; the time range is
     * inclusive.
     */
    public Matcher matcher(String siteId, String deviceId, String category, Long fromMs, Long toMs) {
        return new Matcher(code(0, siteId), code(1, deviceId), code(2, category),
                fromMs == null ? Long.MIN_VALUE : fromMs, toMs == null ? Long.MAX_VALUE : toMs);
    }

    private int code(int column, String value) {
        if (value == null) {
            return NULL_CODE; // "any"
        }
        String[] dict = dictionaries[column];
        for (int i = 0; i < dict.length; i++) {
            if (value.equals(dict[i])) {
                return i;
            }
        }
        return ABSENT;
    }

    /** Heap bytes of the columns (the record bytes are mapped, not on heap). */
    public long ramBytesUsed() {
        long n = ids.length;
        return n * (8 + 8 + 4 + 4L * codes.length);
    }

    /** Filter over the columns; see {@link DiskRecords#matcher}. */
    public final class Matcher {
        private final int site;
        private final int device;
        private final int category;
        private final long from;
        private final long to;

        private Matcher(int site, int device, int category, long from, long to) {
            this.site = site;
            this.device = device;
            this.category = category;
            this.from = from;
            this.to = to;
        }

        public boolean test(int ordinal) {
            return (site == NULL_CODE || codes[0][ordinal] == site)
                    && (device == NULL_CODE || codes[1][ordinal] == device)
                    && (category == NULL_CODE || codes[2][ordinal] == category)
                    && timestamps[ordinal] >= from && timestamps[ordinal] <= to;
        }
    }
}
