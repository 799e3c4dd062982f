package io.homepot.appliance.config;

/** Thrown at start-up when configuration is invalid; the message names the key and the offending value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
