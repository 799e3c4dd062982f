package io.homepot.vectorindex.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Counts bytes and feeds them to a CRC32C on their way to the underlying stream. */
final class CountingCrcStream extends FilterOutputStream {

    private final CRC32C crc;
    private long count;

    CountingCrcStream(OutputStream out, CRC32C crc) {
        super(out);
        this.crc = crc;
    }

    /** Bytes passed through so far. */
    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        count += len;
    }
}
