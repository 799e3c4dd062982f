package io.homepot.appliance.api;

import java.util.List;

/**
 * A client error rendered as RFC 7807 {@code application/problem+json} by {@link ErrorHandlers}.
 * {@code field} names the offending input, e.g. {@code samples[517].value}; {@code errors} may list more.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final List<FieldError> errors;

    /** One offending field. */
    public record FieldError(String field, String detail) {
    }

    public ProblemException(int status, String title, String detail, String field) {
        this(status, title, detail, field, List.of());
    }

    public ProblemException(int status, String title, String detail, String field, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    /** 400: syntactically wrong input (malformed JSON, wrong type, missing field). */
    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Bad Request", detail, field);
    }

    /** 422: well-formed input that cannot be accepted (unknown device/metric, out-of-range values). */
    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Unprocessable Content", detail, field);
    }

    /** 404 for a missing resource. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not Found", what + " " + id + " does not exist", null);
    }

    /** 413: body or batch too large. */
    public static ProblemException tooLarge(String field, String detail) {
        return new ProblemException(413, "Content Too Large", detail, field);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public String field() {
        return field;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
