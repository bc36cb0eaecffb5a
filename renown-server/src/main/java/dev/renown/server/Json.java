package dev.renown.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes responses as JSON with one shared mapper. */
final class Json {

    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    void error(Context ctx, int status, String code, String message) {
        error(ctx, status, code, message, Map.of());
    }

    /** {@code {"error", "message"}} and the error's further fields. */
    void error(Context ctx, int status, String code, String message, Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        m.putAll(fields);
        write(ctx, status, m);
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
