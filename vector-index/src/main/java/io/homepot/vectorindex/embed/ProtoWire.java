package io.homepot.vectorindex.embed;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of the protobuf wire format that {@link AttentionFuser} needs to read and write ONNX
 * files without the ONNX/protobuf libraries: iterate over the fields of a message (kept as slices of
 * the input, never copied) and encode new fields.
 */
final class ProtoWire {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private ProtoWire() {
    }

    /**
     * One field of a message.
     *
     * @param number field number
     * @param type   wire type
     * @param varint the value of a varint field
     * @param value  payload of a length-delimited or fixed field (a slice of the input)
     * @param whole  tag and payload as they appear in the input, for copying the field unchanged
     */
    record Field(int number, int type, long varint, ByteBuffer value, ByteBuffer whole) {

        String string() {
            ByteBuffer b = value.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** All fields of the message in {@code buf} (position to limit), in order. */
    static List<Field> fields(ByteBuffer buf) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<Field> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            long tag = readVarint(b);
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            long varint = 0;
            ByteBuffer value = null;
            switch (type) {
                case VARINT -> varint = readVarint(b);
                case FIXED64 -> value = slice(b, 8);
                case LEN -> value = slice(b, Math.toIntExact(readVarint(b)));
                case FIXED32 -> value = slice(b, 4);
                default -> throw new IllegalArgumentException("unsupported wire type " + type + " at " + start);
            }
            ByteBuffer whole = buf.duplicate().position(start).limit(b.position()).slice();
            out.add(new Field(number, type, varint, value, whole));
        }
        return out;
    }

    private static ByteBuffer slice(ByteBuffer b, int len) {
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("truncated field");
        }
        ByteBuffer s = b.slice(b.position(), len).order(ByteOrder.LITTLE_ENDIAN);
        b.position(b.position() + len);
        return s;
    }

    static long readVarint(ByteBuffer b) {
        long r = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte c = b.get();
            r |= (long) (c & 0x7f) << shift;
            if (c >= 0) {
                return r;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }

    /** Encoder of new messages. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer varint(int number, long v) {
            tag(number, VARINT);
            raw(v);
            return this;
        }

        Writer string(int number, String s) {
            return bytes(number, s.getBytes(StandardCharsets.UTF_8));
        }

        Writer bytes(int number, byte[] b) {
            tag(number, LEN);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        Writer message(int number, Writer m) {
            return bytes(number, m.toByteArray());
        }

        Writer fixed32(int number, float f) {
            tag(number, FIXED32);
            int bits = Float.floatToRawIntBits(f);
            for (int i = 0; i < 4; i++) {
                out.write(bits >>> (8 * i));
            }
            return this;
        }

        private void tag(int number, int type) {
            raw(((long) number << 3) | type);
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Tag plus length prefix of a length-delimited field of {@code length} bytes. */
    static byte[] lengthPrefix(int number, long length) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (long v : new long[] {((long) number << 3) | LEN, length}) {
            while ((v & ~0x7fL) != 0) {
                o.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            o.write((int) v);
        }
        return o.toByteArray();
    }
}
