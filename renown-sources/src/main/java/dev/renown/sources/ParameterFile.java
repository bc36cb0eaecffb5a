package dev.renown.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.renown.core.score.ScoringParameters;
import dev.renown.core.score.SignalKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Signal weights and timescales as written by {@code renown fit} and read by {@code --params}:
 * {@code {"signal_weights":{"reach":…, "amplification":…, "network_impact":…, "conversation":…,
 * "outreach":…}, "half_lives":{"reach":"30d", …}, "reach_recent_share":0.5,
 * "reach_recent_half_life":"6h", …}}. Only {@code signal_weights} is required; other fields record
 * how the weights were fitted and are ignored on reading. Read by every runner ({@code renown}, the Spark job).
 */
public final class ParameterFile {

    private static final JsonFactory JSON = new JsonFactory();

    private ParameterFile() {
    }

    /** Reads the signal weights, in {@link SignalKind} order; signals not named weigh 0. */
    public static double[] readSignalWeights(Path file) throws IOException {
        return read(file, ScoringParameters.defaults()).signalWeights();
    }

    /**
     * Applies a parameter file to {@code base}: its signal weights (signals not named weigh 0) and,
     * when the file has them, half-lives and reach's recent share and half-life.
     */
    public static ScoringParameters read(Path file, ScoringParameters base) throws IOException {
        double[] weights = new double[SignalKind.count()];
        Duration[] halfLives = base.halfLives();
        double recentShare = base.recentShare();
        Duration recentHalfLife = base.recentHalfLife();
        boolean found = false;
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("half_lives")) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw new IOException(file + ": 'half_lives' must be an object");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        halfLives[signal(file, name).ordinal()] = duration(file, name, p);
                    }
                    continue;
                }
                if (field.equals("reach_recent_share")) {
                    if (!p.currentToken().isNumeric()) {
                        throw new IOException(file + ": 'reach_recent_share' must be a number");
                    }
                    recentShare = p.getDoubleValue();
                    continue;
                }
                if (field.equals("reach_recent_half_life")) {
                    recentHalfLife = duration(file, field, p);
                    continue;
                }
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
                    SignalKind kind = signal(file, name);
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
        try {
            return base.withSignalWeights(weights).withHalfLives(halfLives).withRecentReach(recentShare, recentHalfLife);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static SignalKind signal(Path file, String name) throws IOException {
        try {
            return SignalKind.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static Duration duration(Path file, String field, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException(file + ": '" + field + "' must be a duration such as \"30d\" or \"6h\"");
        }
        try {
            return Durations.parse(p.getText());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": '" + field + "': " + e.getMessage());
        }
    }

}
