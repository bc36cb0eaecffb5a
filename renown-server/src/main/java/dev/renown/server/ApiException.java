package dev.renown.server;

import java.util.Map;

/**
 * A request that cannot be served, answered as {@code {"error": code, "message": message}} with
 * its HTTP status, and any further fields the error carries.
 */
final class ApiException extends RuntimeException {

    final int status;
    final String code;
    final Map<String, Object> fields;

    ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiException(int status, String code, String message, Map<String, Object> fields) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.fields = fields;
    }

    static ApiException badParameter(String name, String why) {
        return new ApiException(400, "bad_parameter", "parameter '" + name + "' " + why);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }
}
