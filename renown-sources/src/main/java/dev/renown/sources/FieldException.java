package dev.renown.sources;

/** A record field that cannot be used; readers turn it into a {@link Reject}. */
final class FieldException extends Exception {

    private final String field;
    private final String reason;

    FieldException(String field, String reason, String detail) {
        super(detail, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }
}
