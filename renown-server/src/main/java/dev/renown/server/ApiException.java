package dev.renown.server;

/**
 * A request that cannot be served, answered as {@code {"error": code, "message": message}} with
 * its HTTP status.
 */
final class ApiException extends RuntimeException {

    final int status;
    final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiException badParameter(String name, String why) {
        return new ApiException(400, "bad_parameter", "parameter '" + name + "' " + why);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what);
    }
}
