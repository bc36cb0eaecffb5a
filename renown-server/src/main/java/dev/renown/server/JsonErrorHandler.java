package dev.renown.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Answers the errors Jetty raises itself, before any handler runs — a request line or path it
 * cannot parse or will not route ({@code %2e%2e/}, {@code %ff}, an invalid Content-Length),
 * a URI too long (414), headers too large (431) — in the API's own form: the security headers
 * and a JSON body {@code {"error", "message"}}, never Jetty's HTML page, never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** The headers every response carries, whoever answers it. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", RenownServer.CSP,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin");

    static void securityHeaders(BiConsumer<String, String> header) {
        SECURITY_HEADERS.forEach(header);
    }

    /** Every method gets the error body, not only GET, POST and HEAD as Jetty's default. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** A malformed request: Jetty answers it without running any handler, then closes the connection. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        securityHeaders(fields::put);
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        return ByteBuffer.wrap(body(status, reason));
    }

    /**
     * Any other error Jetty (or the servlet layer) raises for a request it did read, such as a path
     * it will not route. Jetty drops the connection afterwards, so the answer says so: a client
     * must not send its next request on it.
     */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        securityHeaders(headers::put);
        headers.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        headers.put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(code, code >= 500 ? null : message)), callback);
    }

    private static byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        String json = "{\"error\":\"" + code(status) + "\",\"message\":\"" + escape(message) + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The API's error code for an HTTP status. */
    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
