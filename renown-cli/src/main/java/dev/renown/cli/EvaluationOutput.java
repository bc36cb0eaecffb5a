package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.validation.EvaluationReport;
import dev.renown.core.validation.RankingMetrics;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** An {@link EvaluationReport} as a Markdown table for people and as JSON for scripts. */
final class EvaluationOutput {

    private static final String[] METRICS = {"spearman", "kendall", "ndcg@10", "ndcg@100", "precision@100"};
    private static final String[] HEADERS = {"Spearman ρ", "Kendall τ-b", "NDCG@10", "NDCG@100", "precision@100"};

    private EvaluationOutput() {
    }

    static double[] values(RankingMetrics.Scores s) {
        return new double[] {s.spearman(), s.kendall(), s.ndcgK1(), s.ndcgK2(), s.precision()};
    }

    static String markdown(EvaluationReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "### Split %s, horizon %s%n%n", TextOutput.time(r.splitMillis()),
                TimeArguments.describe(r.horizon())));
        b.append(String.format(Locale.ROOT, "Trained on %,d interactions before the split; %,d accounts active "
                        + "before it are ranked, %,d of which were engaged in the test period (%,d interactions). "
                        + "Truth: distinct accounts that reshared, quoted, replied to or mentioned each account in "
                        + "the test period. Intervals: 95%% bootstrap over %,d resamples of the accounts.%n%n",
                r.trainingInteractions(), r.accounts(), r.engagedAccounts(), r.testInteractions(), r.rounds()));
        b.append("Renown's parameters (").append(r.chosen()).append("): ").append(describe(r.parameters()))
                .append(".\n\n");
        b.append("| ranker |");
        for (String h : HEADERS) {
            b.append(' ').append(h).append(" |");
        }
        b.append("\n|---|");
        b.append("---|".repeat(HEADERS.length)).append('\n');
        for (EvaluationReport.RankerResult x : r.rankers()) {
            String name = x.kind().equals("renown") ? "**Renown score**" : x.kind().equals("variant")
                    ? "Renown, defences off" : x.kind().equals("signal") ? "signal: " + x.name() : x.name();
            b.append("| ").append(name).append(" |");
            double[] p = values(x.point());
            double[] lo = values(x.low());
            double[] hi = values(x.high());
            for (int m = 0; m < p.length; m++) {
                b.append(' ').append(cell(p[m], lo[m], hi[m], x.kind().equals("renown"))).append(" |");
            }
            b.append('\n');
        }
        b.append("\nRenown's score minus each baseline (point difference, paired 95% interval; "
                + "an interval above 0 means Renown is better):\n\n| baseline |");
        for (String h : HEADERS) {
            b.append(" Δ ").append(h).append(" |");
        }
        b.append("\n|---|").append("---|".repeat(HEADERS.length)).append('\n');
        double[] renown = values(r.rankers().get(0).point());
        for (EvaluationReport.RankerResult x : r.rankers()) {
            if (!x.kind().equals("baseline") && !x.kind().equals("variant")) {
                continue;
            }
            b.append("| ").append(x.name()).append(" |");
            double[] p = values(x.point());
            double[] lo = values(x.deltaLow());
            double[] hi = values(x.deltaHigh());
            for (int m = 0; m < p.length; m++) {
                b.append(' ').append(delta(renown[m] - p[m], lo[m], hi[m])).append(" |");
            }
            b.append('\n');
        }
        b.append("\nAgainst the second truth, reshares received in the test period (point estimates):\n\n"
                + "| ranker | Spearman ρ | NDCG@100 |\n|---|---|---|\n");
        for (EvaluationReport.RankerResult x : r.rankers()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", x.name(), number(x.reshares().spearman()),
                    number(x.reshares().ndcgK2())));
        }
        return b.toString();
    }

    /** Weights, timescales and defences in one line. */
    static String describe(dev.renown.core.score.ScoringParameters p) {
        StringBuilder b = new StringBuilder("weights");
        for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
            b.append(String.format(Locale.ROOT, " %s %.4f", kind.wireName(), p.signalWeight(kind)));
            if (p.signalWeight(kind) > 0) {
                b.append(" (half-life ").append(TimeArguments.describe(p.halfLife(kind)));
                if (kind == dev.renown.core.score.SignalKind.REACH && p.recentShare() > 0) {
                    b.append(String.format(Locale.ROOT, ", %.0f%% of its doublings at %s", 100 * p.recentShare(),
                            TimeArguments.describe(p.recentHalfLife())));
                }
                b.append(')');
            }
            b.append(kind.ordinal() < dev.renown.core.score.SignalKind.count() - 1 ? "," : "");
        }
        return b.append("; defences ").append(p.defences().describe()).toString();
    }

    private static String cell(double point, double lo, double hi, boolean bold) {
        String value = number(point);
        String interval = Double.isNaN(lo) ? "" : " [" + number(lo) + ", " + number(hi) + "]";
        return (bold ? "**" + value + "**" : value) + interval;
    }

    private static String delta(double point, double lo, double hi) {
        String value = String.format(Locale.ROOT, "%+.4f", point);
        return Double.isNaN(lo) ? value : value + String.format(Locale.ROOT, " [%+.4f, %+.4f]", lo, hi);
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** {@code {"split":…, "horizon":…, "accounts":N, "rankers":{"renown":{"ndcg@10":…, …, "ci":{…}}, …}}}. */
    static void json(EvaluationReport r, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("split", TextOutput.time(r.splitMillis()));
            json.writeStringField("horizon", r.horizon().toString());
            json.writeNumberField("accounts", r.accounts());
            json.writeNumberField("engaged_accounts", r.engagedAccounts());
            json.writeNumberField("training_interactions", r.trainingInteractions());
            json.writeNumberField("test_interactions", r.testInteractions());
            json.writeNumberField("bootstrap_rounds", r.rounds());
            json.writeStringField("parameters_chosen", r.chosen());
            json.writeObjectFieldStart("signal_weights");
            for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
                json.writeNumberField(kind.wireName(), r.signalWeights()[kind.ordinal()]);
            }
            json.writeEndObject();
            json.writeObjectFieldStart("half_lives");
            for (dev.renown.core.score.SignalKind kind : dev.renown.core.score.SignalKind.values()) {
                json.writeStringField(kind.wireName(), TimeArguments.describe(r.parameters().halfLife(kind)));
            }
            json.writeEndObject();
            json.writeNumberField("reach_recent_share", r.parameters().recentShare());
            json.writeStringField("reach_recent_half_life", TimeArguments.describe(r.parameters().recentHalfLife()));
            json.writeStringField("defences", r.parameters().defences().describe());
            json.writeObjectFieldStart("rankers");
            for (EvaluationReport.RankerResult x : r.rankers()) {
                json.writeObjectFieldStart(x.name());
                json.writeStringField("kind", x.kind());
                json.writeStringField("description", x.description());
                write(json, values(x.point()));
                json.writeObjectFieldStart("ci");
                double[] lo = values(x.low());
                double[] hi = values(x.high());
                for (int m = 0; m < METRICS.length; m++) {
                    json.writeArrayFieldStart(METRICS[m]);
                    number(json, lo[m]);
                    number(json, hi[m]);
                    json.writeEndArray();
                }
                json.writeEndObject();
                if (!x.kind().equals("renown")) {
                    json.writeObjectFieldStart("renown_minus_this_ci");
                    double[] dlo = values(x.deltaLow());
                    double[] dhi = values(x.deltaHigh());
                    for (int m = 0; m < METRICS.length; m++) {
                        json.writeArrayFieldStart(METRICS[m]);
                        number(json, dlo[m]);
                        number(json, dhi[m]);
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
                json.writeObjectFieldStart("reshares");
                write(json, values(x.reshares()));
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void write(JsonGenerator json, double[] values) throws IOException {
        for (int m = 0; m < METRICS.length; m++) {
            json.writeFieldName(METRICS[m]);
            number(json, values[m]);
        }
    }

    private static void number(JsonGenerator json, double x) throws IOException {
        if (Double.isNaN(x)) {
            json.writeNull();
        } else {
            json.writeNumber(x);
        }
    }
}
