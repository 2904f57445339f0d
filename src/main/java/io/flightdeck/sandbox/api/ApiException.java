package io.flightdeck.sandbox.api;

/**
 * A failed API request with the HTTP code, reason and message a real kube-apiserver would return; the server turns it
 * into a {@code Status} body. Thrown by the store, selectors and handlers on whichever thread serves the request.
 */
public final class ApiException extends RuntimeException {

    /** One field error of a 422, as Status.details.causes carries it: kubectl prints "field: message" for each. */
    public record Cause(String reason, String message, String field) {
    }

    private final int code;
    private final String reason;
    private final String kind;
    private final String name;
    private final String group;
    private final java.util.List<Cause> causes;

    public ApiException(int code, String reason, String message, ResourceKind kind, String name) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.kind = kind == null ? null : kind.plural();
        this.group = kind == null ? null : kind.group();
        this.name = name;
        this.causes = java.util.List.of();
    }

    private ApiException(int code, String reason, String message, String detailsKind, String group, String name,
                         java.util.List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.kind = detailsKind;
        this.group = group;
        this.name = name;
        this.causes = java.util.List.copyOf(causes);
    }

    public ApiException(int code, String reason, String message) {
        this(code, reason, message, null, null);
    }

    public static ApiException notFound(ResourceKind kind, String name) {
        return new ApiException(404, "NotFound", kind.groupResource() + " \"" + name + "\" not found", kind, name);
    }

    public static ApiException alreadyExists(ResourceKind kind, String name) {
        return new ApiException(409, "AlreadyExists", kind.groupResource() + " \"" + name + "\" already exists",
                kind, name);
    }

    public static ApiException conflict(ResourceKind kind, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + kind.groupResource() + " \""
                + name + "\": " + why, kind, name);
    }

    public static ApiException invalid(ResourceKind kind, String name, String why) {
        return invalid(kind, name, why, java.util.List.of());
    }

    /**
     * As the apiserver's NewInvalid: the group-qualified kind in the message, the kind (not the resource) in details,
     * and one cause per field error.
     */
    public static ApiException invalid(ResourceKind kind, String name, String why, java.util.List<Cause> causes) {
        String qualified = kind.group().isEmpty() ? kind.kind() : kind.kind() + "." + kind.group();
        return new ApiException(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + why, kind.kind(),
                kind.group(), name, causes);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** Plural resource name for Status.details.kind, or null. */
    public String detailsKind() {
        return kind;
    }

    public String detailsGroup() {
        return group;
    }

    public String detailsName() {
        return name;
    }

    /** The field errors of a 422 (Status.details.causes); empty for other errors. */
    public java.util.List<Cause> causes() {
        return causes;
    }
}
