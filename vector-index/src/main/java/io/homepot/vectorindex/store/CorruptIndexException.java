package io.homepot.vectorindex.store;

import java.io.IOException;

/** A stored file is unreadable (bad magic, version, checksum or structure). */
public class CorruptIndexException extends IOException {

    public CorruptIndexException(String message) {
        super(message);
    }
}
