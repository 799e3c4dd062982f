package io.homepot.appliance.mail;

import java.io.IOException;

/** The SMTP server refused a command or the conversation failed. */
public final class SmtpException extends IOException {
    private final int code;

    public SmtpException(int code, String message) {
        super(message);
        this.code = code;
    }

    public SmtpException(String message, Throwable cause) {
        super(message, cause);
        this.code = -1;
    }

    /** The server's reply code, or -1 for I/O failures. */
    public int code() {
        return code;
    }
}
