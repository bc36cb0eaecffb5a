package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.score.SignalKind;
import dev.renown.core.validation.Fit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Signal weights as written by {@code renown fit} and read by {@code --params}:
 * {@code {"signal_weights":{"reach":…, "amplification":…, "network_impact":…, "conversation":…,
 * "outreach":…}, …}}. Other fields record how the weights were fitted and are ignored on reading.
 */
final class ParameterFile {

    private static final JsonFactory JSON = new JsonFactory();

    private ParameterFile() {
    }

    /** Reads the signal weights, in {@link SignalKind} order; signals not named weigh 0. */
    static double[] readSignalWeights(Path file) throws IOException {
        double[] weights = new double[SignalKind.count()];
        boolean found = false;
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("signal_weights")) {
                    p.skipChildren();
                    continue;
                }
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new IOException(file + ": 'signal_weights' must be an object");
                }
                found = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    SignalKind kind;
                    try {
                        kind = SignalKind.parse(name);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(file + ": " + e.getMessage());
                    }
                    if (!p.currentToken().isNumeric()) {
                        throw new IOException(file + ": weight of '" + name + "' must be a number");
                    }
                    weights[kind.ordinal()] = p.getDoubleValue();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (!found) {
            throw new IOException(file + ": no 'signal_weights' object");
        }
        return weights;
    }

    static void write(Fit.Result fit, String how, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectFieldStart("signal_weights");
            for (SignalKind kind : SignalKind.values()) {
                json.writeNumberField(kind.wireName(), fit.weights()[kind.ordinal()]);
            }
            json.writeEndObject();
            json.writeStringField("fitted_by", how);
            json.writeNumberField("margin_over_best_baseline", fit.margin());
            json.writeNumberField("objective", fit.objective());
            json.writeNumberField("objective_with_previous_weights", fit.baseline());
            json.writeNumberField("weight_vectors_tried", fit.evaluated());
            json.writeArrayFieldStart("folds");
            for (Fit.FoldResult f : fit.folds()) {
                json.writeStartObject();
                json.writeStringField("split", TextOutput.time(f.splitMillis()));
                json.writeNumberField("accounts", f.accounts());
                json.writeNumberField("spearman", f.scores().spearman());
                json.writeNumberField("ndcg@100", f.scores().ndcgK2());
                json.writeNumberField("best_baseline_spearman", f.bestBaselineSpearman());
                json.writeNumberField("best_baseline_ndcg@100", f.bestBaselineNdcg());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }
}
