package io.homepot.vectorindex.store;

import io.homepot.vectorindex.model.IncidentRecord;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Binary encoding of records, strings and vectors (see {@link FileFormat}). */
final class RecordCodec {

    private RecordCodec() {
    }

    static void writeRecord(DataOutput out, IncidentRecord r) throws IOException {
        out.writeLong(r.id());
        writeString(out, r.deviceId());
        writeString(out, r.siteId());
        writeString(out, r.deviceType());
        writeString(out, r.category());
        writeString(out, r.severity());
        writeString(out, r.resolution());
        out.writeLong(r.timestampMs());
        writeString(out, r.text());
    }

    static IncidentRecord readRecord(ByteBuffer in) throws CorruptIndexException {
        try {
            long id = in.getLong();
            String deviceId = readString(in);
            String siteId = readString(in);
            String deviceType = readString(in);
            String category = readString(in);
            String severity = readString(in);
            String resolution = readString(in);
            long ts = in.getLong();
            String text = readString(in);
            return new IncidentRecord(id, deviceId, siteId, deviceType, category, severity,
                    resolution, ts, text);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptIndexException("truncated record: " + e);
        }
    }

    static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(ByteBuffer in) throws CorruptIndexException {
        int len = in.getInt();
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > in.remaining()) {
            throw new CorruptIndexException("bad string length " + len);
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static void writeVector(DataOutput out, float[] v) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
        bb.asFloatBuffer().put(v);
        out.write(bb.array());
    }

    static float[] readVector(ByteBuffer in, int dim) throws CorruptIndexException {
        if (in.remaining() < dim * Float.BYTES) {
            throw new CorruptIndexException("truncated vector");
        }
        float[] v = new float[dim];
        in.asFloatBuffer().get(v);
        in.position(in.position() + dim * Float.BYTES);
        return v;
    }
}
