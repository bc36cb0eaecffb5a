package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.AccountScore;
import dev.renown.core.score.Explanation;
import dev.renown.core.score.ScoreBoard;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The same content as {@link TextOutput}, as JSON for scripts. Numbers are not rounded; field
 * names are snake_case.
 */
final class JsonOutput implements AutoCloseable {

    private final JsonGenerator json;

    JsonOutput(Writer out) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
    }

    void scores(ScoreBoard board, List<AccountScore> scores) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeArrayFieldStart("scores");
        for (AccountScore s : scores) {
            score(s);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    void explanation(ScoreBoard board, Explanation x) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeFieldName("score");
        score(x.score());
        json.writeStringField("window_start", TextOutput.time(x.windowStartMillis()));
        json.writeObjectFieldStart("evidence");
        for (Explanation.SignalEvidence ev : x.signals()) {
            json.writeObjectFieldStart(ev.kind().wireName());
            json.writeStringField("summary", ev.summary());
            json.writeArrayFieldStart("top");
            for (Explanation.Contribution c : ev.top()) {
                json.writeStartObject();
                json.writeStringField("account", c.account().toString());
                json.writeStringField("label", c.label());
                json.writeNumberField("amount", c.amount());
                json.writeObjectFieldStart("interactions");
                for (Map.Entry<InteractionKind, Integer> e : c.interactions().entrySet()) {
                    json.writeNumberField(e.getKey().wireName(), e.getValue());
                }
                json.writeEndObject();
                json.writeStringField("last", TextOutput.time(c.lastMillis()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private void run(ScoreBoard board) throws IOException {
        json.writeStringField("as_of", TextOutput.time(board.asOfMillis()));
        json.writeStringField("window", board.parameters().window().toString());
        json.writeStringField("half_life", board.parameters().halfLife().toString());
        json.writeNumberField("accounts", board.size());
        json.writeNumberField("interactions", board.graph().interactionCount());
        json.writeObjectFieldStart("signal_weights");
        double[] weights = board.parameters().signalWeights();
        for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
            json.writeNumberField(kind.wireName(), weights[kind.ordinal()]);
        }
        json.writeEndObject();
    }

    private void score(AccountScore s) throws IOException {
        json.writeStartObject();
        json.writeNumberField("rank", s.rank());
        json.writeStringField("account", s.account().toString());
        json.writeStringField("network", s.account().network());
        json.writeStringField("id", s.account().id());
        json.writeStringField("label", s.label());
        json.writeNumberField("score", s.score());
        json.writeNumberField("percentile", s.percentile());
        json.writeObjectFieldStart("signals");
        for (AccountScore.SignalScore p : s.signals()) {
            json.writeObjectFieldStart(p.kind().wireName());
            json.writeNumberField("value", p.value());
            json.writeNumberField("percentile", p.percentile());
            json.writeNumberField("points", p.points());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}
