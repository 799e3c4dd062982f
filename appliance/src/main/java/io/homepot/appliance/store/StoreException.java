package io.homepot.appliance.store;

/** An unexpected database failure (not a validation problem). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
