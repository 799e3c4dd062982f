package io.homepot.vectorindex.index;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.homepot.vectorindex.model.IncidentRecord;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Graph ordinal → (record, vector). Live ordinals have a record; ordinals of deleted or replaced
 * incidents have none (their vector is kept until the graph has dropped them, then replaced by a
 * zero placeholder). Growth happens under the index's writer lock; readers see a consistent
 * array at all times. Serves as JVector's {@link RandomAccessVectorValues}.
 */
final class OrdinalTable implements RandomAccessVectorValues {

    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final int dimension;
    private final VectorFloat<?> zero;
    private volatile AtomicReferenceArray<IncidentRecord> records = new AtomicReferenceArray<>(1024);
    private volatile AtomicReferenceArray<VectorFloat<?>> vectors = new AtomicReferenceArray<>(1024);
    private volatile int bound;

    OrdinalTable(int dimension) {
        this.dimension = dimension;
        this.zero = VTS.createFloatVector(dimension);
    }

    /** Stores ordinal {@code ord} (writer only). */
    void put(int ord, IncidentRecord record, float[] vector) {
        ensureCapacity(ord + 1);
        vectors.set(ord, VTS.createFloatVector(vector));
        records.set(ord, record);
        if (ord >= bound) {
            bound = ord + 1;
        }
    }

    /** Replaces the record of a live ordinal without touching its vector (writer only). */
    void replaceRecord(int ord, IncidentRecord record) {
        records.set(ord, record);
    }

    /** Marks {@code ord} dead; its vector stays for the graph until {@link #dropVector}. */
    void kill(int ord) {
        records.set(ord, null);
    }

    /** Frees the vector of a dead ordinal that the graph no longer references. */
    void dropVector(int ord) {
        if (records.get(ord) == null) {
            vectors.set(ord, null);
        }
    }

    IncidentRecord record(int ord) {
        AtomicReferenceArray<IncidentRecord> r = records;
        return ord >= 0 && ord < r.length() ? r.get(ord) : null;
    }

    /** Copy of the stored vector of {@code ord}. */
    float[] vectorCopy(int ord) {
        VectorFloat<?> v = getVector(ord);
        float[] out = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** One past the highest ordinal ever stored. */
    int bound() {
        return bound;
    }

    private void ensureCapacity(int n) {
        if (n <= records.length()) {
            return;
        }
        int cap = Math.max(n, records.length() * 2);
        AtomicReferenceArray<IncidentRecord> r = new AtomicReferenceArray<>(cap);
        AtomicReferenceArray<VectorFloat<?>> v = new AtomicReferenceArray<>(cap);
        AtomicReferenceArray<IncidentRecord> oldR = records;
        AtomicReferenceArray<VectorFloat<?>> oldV = vectors;
        for (int i = 0; i < oldR.length(); i++) {
            r.set(i, oldR.get(i));
            v.set(i, oldV.get(i));
        }
        vectors = v;
        records = r;
    }

    @Override
    public int size() {
        return bound;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorFloat<?> getVector(int ord) {
        AtomicReferenceArray<VectorFloat<?>> v = vectors;
        VectorFloat<?> out = ord < v.length() ? v.get(ord) : null;
        return out == null ? zero : out;
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
