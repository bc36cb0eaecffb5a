package dev.renown.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.renown.core.event.InteractionSink;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Renown's generic NDJSON format: one JSON object per line,
 * <pre>
 *   {"id":"42","network":"mastodon","kind":"repost","actor":"alice","target":"bob",
 *    "time":"2024-05-01T12:00:00Z","post":"p9","target_post":"p1","hashtags":["ai"]}
 * </pre>
 * {@code kind}, {@code actor}, {@code target} and {@code time} are required; {@code network} is
 * required unless the reader has a default; {@code time} is an ISO-8601 string or a number of
 * seconds since the epoch. Unknown fields are ignored so that richer exports can be read as
 * they are. The full field list is in {@code docs/formats.md}.
 *
 * <p>Parsing uses Jackson's streaming parser: no tree, no reflection.
 */
public final class GenericNdjsonReader implements InteractionReader {

    static final int MAX_LINE_BYTES = 8 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final String defaultNetwork;

    /** A reader that requires a {@code network} field in every record. */
    public GenericNdjsonReader() {
        this(null);
    }

    /** A reader that uses {@code defaultNetwork} for records without a {@code network} field. */
    public GenericNdjsonReader(String defaultNetwork) {
        this.defaultNetwork = defaultNetwork;
    }

    @Override
    public String format() {
        return "ndjson";
    }

    @Override
    public void read(Input input, InteractionSink sink, Rejects rejects) throws IOException {
        String source = input.name();
        try (InputStream in = input.open()) {
            long lines = new LineScanner(MAX_LINE_BYTES).scan(in, (b, from, to, line, tooLong) -> {
                if (tooLong) {
                    rejects.add(source, line, null, "line-too-long", "line longer than " + MAX_LINE_BYTES + " bytes",
                            Text.lenient(b, from, to));
                    return;
                }
                if (Text.isBlank(b, from, to)) {
                    return;
                }
                GenericRecord record = new GenericRecord();
                try {
                    parse(b, from, to, record);
                    record.emit(defaultNetwork, input.timeBound(), sink);
                } catch (FieldException e) {
                    rejects.add(source, line, e.field(), e.reason(), e.getMessage(), Text.lenient(b, from, to));
                } catch (JsonProcessingException e) {
                    String message = e.getOriginalMessage();
                    String reason = message != null && message.contains("UTF-8") ? "bad-encoding" : "invalid-json";
                    rejects.add(source, line, null, reason, message
                            + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()),
                            Text.lenient(b, from, to));
                }
            });
            input.reportDamage(rejects, lines + 1);
        }
    }

    private static void parse(byte[] b, int from, int to, GenericRecord record) throws IOException, FieldException {
        try (JsonParser p = JSON.createParser(b, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new FieldException(null, "invalid-json", "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "hashtags":
                        if (value != JsonToken.START_ARRAY) {
                            throw wrongType(field, "an array of strings");
                        }
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() != JsonToken.VALUE_STRING) {
                                throw wrongType(field, "an array of strings");
                            }
                            record.hashtags.add(p.getText());
                        }
                        break;
                    case "time":
                        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                            record.timeMillis = Times.secondsToMillis(field, p.getText());
                        } else if (value == JsonToken.VALUE_STRING) {
                            record.time = p.getText();
                        } else {
                            throw wrongType(field, "an ISO-8601 string or a number of seconds");
                        }
                        break;
                    default:
                        if (!GenericRecord.FIELDS.contains(field)) {
                            p.skipChildren();
                        } else if (value == JsonToken.VALUE_STRING) {
                            record.set(field, p.getText());
                        } else if (value == JsonToken.VALUE_NUMBER_INT && !field.equals("kind")) {
                            record.set(field, p.getText());
                        } else {
                            throw wrongType(field, "a string");
                        }
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new FieldException(null, "invalid-json", "unexpected " + p.currentToken());
            }
            if (p.nextToken() != null) {
                throw new FieldException(null, "invalid-json", "more than one JSON value on the line");
            }
        }
    }

    private static FieldException wrongType(String field, String expected) {
        return new FieldException(field, "wrong-type", "'" + field + "' must be " + expected);
    }
}
