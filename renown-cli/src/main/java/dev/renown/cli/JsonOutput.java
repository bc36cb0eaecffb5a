package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.AccountScore;
import dev.renown.core.score.Explanation;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Style;

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

    /** The first {@code top} accounts of the ranking. */
    void scores(ScoreBoard board, int top) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeArrayFieldStart("scores");
        for (int i = 0; i < Math.min(top, board.size()); i++) {
            int v = board.nodeAt(i);
            score(board.accountScore(v), Style.of(board, v));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Persons' combined scores ({@code score --people}): the run, then each person. */
    void people(ScoreBoard board, List<dev.renown.core.people.PersonScores.PersonScore> persons) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeNumberField("persons", persons.size());
        json.writeArrayFieldStart("scores");
        for (dev.renown.core.people.PersonScores.PersonScore p : persons) {
            json.writeStartObject();
            json.writeNumberField("rank", p.rank());
            json.writeStringField("person", p.person());
            json.writeNumberField("score", p.score());
            style(p.style(board));
            personParts(p, false);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    void explanation(ScoreBoard board, Explanation x, Style.Verdict style, Integrity integrity) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeFieldName("score");
        score(x.score(), style);
        json.writeStringField("window_start", TextOutput.time(x.windowStartMillis()));
        evidence(x);
        json.writeFieldName("integrity");
        integrity(integrity);
        json.writeEndObject();
    }

    /** A person's explanation: as {@link #people} for the one person, with the evidence and integrity of it as one account. */
    void personExplanation(ScoreBoard board, dev.renown.core.people.PersonScores.PersonScore p, int persons,
                           Style.Verdict style, Explanation x, Integrity integrity) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeStringField("person", p.person());
        json.writeNumberField("score", p.score());
        json.writeNumberField("rank", p.rank());
        json.writeNumberField("persons", persons);
        style(style);
        personParts(p, true);
        evidence(x);
        json.writeFieldName("integrity");
        integrity(integrity);
        json.writeEndObject();
    }

    /** The {@code evidence} field of an explanation: each signal's summary and top contributions. */
    private void evidence(Explanation x) throws IOException {
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
    }

    /** A person's signals (value, points, and with {@code parties} their parties), points by network and accounts. */
    private void personParts(dev.renown.core.people.PersonScores.PersonScore p, boolean parties) throws IOException {
        json.writeObjectFieldStart("signals");
        for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
            json.writeObjectFieldStart(kind.wireName());
            json.writeNumberField("value", p.value(kind));
            json.writeNumberField("points", p.points(kind));
            if (parties) {
                json.writeNumberField("parties", p.parties().get(kind));
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("points_by_network");
        for (Map.Entry<String, Double> e : p.pointsByNetwork().entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("accounts");
        for (dev.renown.core.people.PersonScores.LinkedAccount a : p.accounts()) {
            json.writeStartObject();
            json.writeStringField("account", a.account().toString());
            json.writeBooleanField("scored", a.scored());
            json.writeNumberField("score", a.score());
            if (a.scored()) {
                json.writeNumberField("rank", a.rank());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The accounts an audit flagged, with their evidence. */
    void audit(ScoreBoard board, List<Integrity> flagged, int top, int topLosing) throws IOException {
        json.writeStartObject();
        run(board);
        json.writeNumberField("flagged", flagged.size());
        json.writeNumberField("top", top);
        json.writeNumberField("top_losing_more_than_1_point", topLosing);
        json.writeArrayFieldStart("accounts");
        for (Integrity i : flagged) {
            integrity(i);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    void integrity(Integrity i) throws IOException {
        json.writeStartObject();
        json.writeStringField("account", i.account().toString());
        json.writeNumberField("score", i.score());
        json.writeNumberField("score_without_defences", i.undefended());
        json.writeNumberField("points_lost", i.pointsLost());
        json.writeBooleanField("flagged", i.flagged());
        json.writeNumberField("engagers", i.engagers());
        json.writeNumberField("established", i.established());
        json.writeNumberField("discounted", i.discounted());
        json.writeNumberField("voices", i.voices());
        json.writeArrayFieldStart("groups");
        for (Integrity.Group g : i.groups()) {
            json.writeStartObject();
            json.writeStringField("kind", g.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            json.writeNumberField("members", g.members());
            json.writeStringField("arrived", TextOutput.time(g.arrivalMillis()));
            json.writeBooleanField("vouched", g.vouched());
            json.writeNumberField("counts_as", g.credit());
            json.writeStringField("why", g.why());
            json.writeArrayFieldStart("sample");
            for (dev.renown.core.event.AccountKey k : g.sample()) {
                json.writeString(k.toString());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void run(ScoreBoard board) throws IOException {
        json.writeStringField("as_of", TextOutput.time(board.asOfMillis()));
        json.writeStringField("window", board.parameters().window().toString());
        json.writeStringField("half_life", board.parameters().halfLife().toString());
        json.writeNumberField("reach_recent_share", board.parameters().recentShare());
        json.writeStringField("reach_recent_half_life", board.parameters().recentHalfLife().toString());
        json.writeStringField("defences", board.parameters().defences().describe());
        json.writeNumberField("accounts", board.size());
        json.writeNumberField("interactions", board.graph().interactionCount());
        json.writeObjectFieldStart("signal_weights");
        double[] weights = board.parameters().signalWeights();
        for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
            json.writeNumberField(kind.wireName(), weights[kind.ordinal()]);
        }
        json.writeEndObject();
    }

    private void score(AccountScore s, Style.Verdict style) throws IOException {
        json.writeStartObject();
        json.writeNumberField("rank", s.rank());
        json.writeStringField("account", s.account().toString());
        json.writeStringField("network", s.account().network());
        json.writeStringField("id", s.account().id());
        json.writeStringField("label", s.label());
        json.writeNumberField("score", s.score());
        json.writeNumberField("percentile", s.percentile());
        style(style);
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

    /** {@code style}: the label's wire name; {@code style_reason}: why, with the thresholds that decided. */
    private void style(Style.Verdict style) throws IOException {
        json.writeStringField("style", style.label().wireName());
        json.writeStringField("style_reason", style.reason());
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }
}
