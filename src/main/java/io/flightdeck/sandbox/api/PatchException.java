package io.flightdeck.sandbox.api;

import java.util.List;

/**
 * A patch request the sandbox API server refuses, with the HTTP code, Status reason and message that kube-apiserver
 * answers for the same request. Where kube-apiserver hides the cause behind a generic message (JSON patch
 * application errors, lists of lists), {@link #detail()} still says what went wrong. Immutable; thrown on the
 * HTTP handler thread that called {@link Patches#apply}.
 */
public final class PatchException extends RuntimeException {

    /** The message kube-apiserver gives every 422 it builds with NewGenericServerResponse. */
    static final String GENERIC_INVALID = "the server rejected our request due to an error in our request";

    private final int code;
    private final String reason;
    private final String detail;

    private PatchException(int code, String reason, String message, String detail) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detail = detail;
    }

    /** 400 BadRequest: the patch body is not a patch of its content type. */
    static PatchException badRequest(String message) {
        return new PatchException(400, "BadRequest", message, message);
    }

    /** 422 Invalid with kube-apiserver's generic message; {@code detail} keeps the cause. */
    static PatchException invalid(String detail) {
        return new PatchException(422, "Invalid", GENERIC_INVALID, detail);
    }

    /** 422 Invalid with a message of its own, as for a patch whose result is not an object. */
    static PatchException invalidObject(String message) {
        return new PatchException(422, "Invalid", message, message);
    }

    /** 413 RequestEntityTooLarge: a JSON patch with more operations than kube-apiserver allows. */
    static PatchException tooLarge(String message) {
        return new PatchException(413, "RequestEntityTooLarge", "Request entity too large: " + message, message);
    }

    /** 415 UnsupportedMediaType, listing the patch content types accepted for the kind. */
    static PatchException unsupportedMediaType(List<String> accepted) {
        String message = "the body of the request was in an unknown format - accepted media types include: "
                + String.join(", ", accepted);
        return new PatchException(415, "UnsupportedMediaType", message, message);
    }

    /**
     * 500 with an empty reason: kube-apiserver turns strategic-merge errors it does not classify (a list item
     * without its merge key, an unknown {@code $patch} value) into a plain InternalServerError carrying the text.
     */
    static PatchException internal(String message) {
        return new PatchException(500, "", message, message);
    }

    /** The HTTP status code: 400, 413, 415, 422 or 500. */
    public int code() {
        return code;
    }

    /** The metav1.Status reason ("BadRequest", "Invalid", ...), or "" where kube-apiserver sends none. */
    public String reason() {
        return reason;
    }

    /** What went wrong, for logs; equal to the message unless kube-apiserver sends a generic one. */
    public String detail() {
        return detail;
    }
}
