package dev.renown.cli;

import dev.renown.core.event.InteractionKind;
import dev.renown.core.score.AccountScore;
import dev.renown.core.score.Explanation;
import dev.renown.core.score.Integrity;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.SignalKind;
import dev.renown.core.score.Style;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables and breakdowns for people. */
final class TextOutput {

    private static final String[] SHORT = {"reach", "amplif", "impact", "convers", "outreach"};
    private static final int LABEL_WIDTH = 24;
    /** Fits the longest label, conversationalist. */
    private static final int STYLE_WIDTH = 17;
    private static final String STYLE_NOTE = "Style: the signal in which an account stands out among the day's "
            + "accounts (docs/scoring.md, style).";

    private final PrintWriter out;

    TextOutput(PrintWriter out) {
        this.out = out;
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    void header(ScoreBoard board) {
        Duration window = board.parameters().window();
        out.printf(Locale.ROOT, "%,d accounts scored from %,d interactions, as of %s (window %s)%n",
                board.size(), board.graph().interactionCount(), time(board.asOfMillis()),
                TimeArguments.describe(window));
        out.println("parameters: " + EvaluationOutput.describe(board.parameters()));
    }

    /** The first {@code top} accounts of the ranking: score, points per signal, and style. */
    void table(ScoreBoard board, int top) {
        double[] weights = board.parameters().signalWeights();
        out.printf(Locale.ROOT, "%5s  %-" + LABEL_WIDTH + "s %6s   %7s %7s %7s %7s %8s   %s%n", "rank", "account",
                "score", SHORT[0], SHORT[1], SHORT[2], SHORT[3], SHORT[4], "style");
        for (int i = 0; i < Math.min(top, board.size()); i++) {
            AccountScore s = board.accountScore(board.nodeAt(i));
            out.printf(Locale.ROOT, "%5d  %-" + LABEL_WIDTH + "s %6.1f   %7.1f %7.1f %7.1f %7.1f %8.1f   %s%n",
                    s.rank(), cut(s.label()), s.score(), s.signal(SignalKind.REACH).points(),
                    s.signal(SignalKind.AMPLIFICATION).points(), s.signal(SignalKind.NETWORK_IMPACT).points(),
                    s.signal(SignalKind.CONVERSATION).points(), s.signal(SignalKind.OUTREACH).points(),
                    Style.of(board, board.nodeAt(i)).label().wireName());
        }
        out.println("Signal columns are points: 1 + reach + amplif + impact + convers + outreach = score.");
        out.println(STYLE_NOTE);
        StringBuilder unweighted = new StringBuilder();
        for (SignalKind kind : SignalKind.values()) {
            if (weights[kind.ordinal()] == 0) {
                unweighted.append(unweighted.length() == 0 ? "" : ", ").append(kind.wireName());
            }
        }
        if (unweighted.length() > 0) {
            out.println("Weight 0, so no points: " + unweighted + " (as calibrated, see docs/scoring.md section 6; "
                    + "--params sets others). Their values are in every explanation.");
        }
    }

    /**
     * Persons' combined scores: rank, person, score, the points each network's accounts earned,
     * and the accounts with their own scores.
     */
    void people(ScoreBoard board, List<dev.renown.core.people.PersonScores.PersonScore> persons, int top) {
        out.printf(Locale.ROOT, "%5s  %-" + LABEL_WIDTH + "s %6s   %-" + STYLE_WIDTH + "s %s%n", "rank", "person",
                "score", "style", "points by network; accounts (own score)");
        for (dev.renown.core.people.PersonScores.PersonScore p : persons.subList(0, Math.min(top, persons.size()))) {
            StringBuilder networks = new StringBuilder();
            p.pointsByNetwork().forEach((network, points) -> networks.append(networks.length() == 0 ? "" : " + ")
                    .append(network).append(' ').append(String.format(Locale.ROOT, "%.1f", points)));
            StringBuilder accounts = new StringBuilder();
            for (dev.renown.core.people.PersonScores.LinkedAccount a : p.accounts()) {
                accounts.append(accounts.length() == 0 ? "" : ", ").append(a.account())
                        .append(a.scored() ? String.format(Locale.ROOT, " (%.1f)", a.score()) : " (not in window)");
            }
            out.printf(Locale.ROOT, "%5d  %-" + LABEL_WIDTH + "s %6.1f   %-" + STYLE_WIDTH + "s %s; %s%n", p.rank(),
                    cut(p.person()), p.score(), p.style(board).label().wireName(), networks, accounts);
        }
        out.println("A person is scored as one account: its accounts' interactions together, each engager once, "
                + "engagement among its own accounts left out, the defences across them (docs/scoring.md 5a).");
        out.println(STYLE_NOTE);
    }

    void explanation(Explanation x, Style.Verdict style, double[] weights) {
        AccountScore s = x.score();
        out.printf(Locale.ROOT, "%s: score %.1f, rank %,d of %,d (top %s)%n", s.label(), s.score(),
                s.rank(), x.scoredAccounts(), topShare(s.rank(), x.scoredAccounts()));
        out.printf(Locale.ROOT, "style: %s — %s%n", style.label().wireName(), style.reason());
        out.printf(Locale.ROOT, "from interactions in (%s, %s]%n%n", time(x.windowStartMillis()), time(x.asOfMillis()));
        out.printf(Locale.ROOT, "%-16s %14s %11s %7s %8s%n", "signal", "raw value", "percentile", "weight", "points");
        double total = 1;
        for (AccountScore.SignalScore p : s.signals()) {
            out.printf(Locale.ROOT, "%-16s %14s %10.1f%% %7.4f %8.1f%n", p.kind().wireName(), number(p.value()),
                    p.percentile(), weights[p.kind().ordinal()], p.points());
            total += p.points();
        }
        out.printf(Locale.ROOT, "%-16s %14s %11s %7s %8.1f%n", "base", "", "", "", 1.0);
        out.printf(Locale.ROOT, "%-16s %14s %11s %7s %8.1f%n", "score", "", "", "", total);
        evidence(x);
    }

    /**
     * A person's explanation: its combined score and style, each signal's value, points and
     * parties, the points by network, its accounts with their own scores, then the evidence of
     * the person scored as one account ({@code x}, on the board where its accounts are one).
     */
    void personExplanation(dev.renown.core.people.PersonScores.PersonScore p, int persons, Style.Verdict style,
                           Explanation x, double[] weights) {
        out.printf(Locale.ROOT, "person %s: score %.1f, rank %,d of %,d persons%n", p.person(), p.score(), p.rank(),
                persons);
        out.printf(Locale.ROOT, "style: %s — %s%n", style.label().wireName(), style.reason());
        out.printf(Locale.ROOT, "from interactions in (%s, %s], its %d accounts scored as one%n%n",
                time(x.windowStartMillis()), time(x.asOfMillis()), p.accounts().size());
        out.printf(Locale.ROOT, "%-16s %14s %9s %7s %8s%n", "signal", "raw value", "parties", "weight", "points");
        for (dev.renown.core.score.SignalKind k : dev.renown.core.score.SignalKind.values()) {
            out.printf(Locale.ROOT, "%-16s %14s %9d %7.4f %8.1f%n", k.wireName(), number(p.value(k)),
                    p.parties().get(k), weights[k.ordinal()], p.points(k));
        }
        out.printf(Locale.ROOT, "%-16s %14s %9s %7s %8.1f%n", "base", "", "", "", 1.0);
        out.printf(Locale.ROOT, "%-16s %14s %9s %7s %8.1f%n", "score", "", "", "", p.score());
        out.printf(Locale.ROOT, "%nby network:");
        p.pointsByNetwork().forEach((n, pts) -> out.printf(Locale.ROOT, "  %s %.2f", n, pts));
        out.printf(Locale.ROOT, "%naccounts (own score):%n");
        for (dev.renown.core.people.PersonScores.LinkedAccount a : p.accounts()) {
            out.printf(Locale.ROOT, "  %-" + LABEL_WIDTH + "s %s%n", cut(a.account().toString()), a.scored()
                    ? String.format(Locale.ROOT, "%.1f, rank %,d", a.score(), a.rank()) : "not in the window");
        }
        evidence(x);
    }

    /** Each signal's summary and its top contributions. */
    private void evidence(Explanation x) {
        for (Explanation.SignalEvidence ev : x.signals()) {
            out.printf(Locale.ROOT, "%n%s — %s%n", ev.kind().wireName(), ev.summary());
            for (Explanation.Contribution c : ev.top()) {
                out.printf(Locale.ROOT, "  %10s  %-" + LABEL_WIDTH + "s %s, last %s%n", "+" + number(c.amount()),
                        cut(c.label()), kinds(c.interactions()), time(c.lastMillis()));
            }
        }
    }

    /** The integrity section of an explanation: what the defences discounted, and why. */
    void integrity(Integrity i) {
        out.printf(Locale.ROOT, "%nintegrity — %,d engagers, %,d established; together they count as %,.1f voices%s%n",
                i.engagers(), i.established(), i.voices(), i.flagged() ? "  [FLAGGED]" : "");
        if (i.discounted() == 0) {
            out.println("  no engager discounted");
            return;
        }
        out.printf(Locale.ROOT, "  %,d engagers discounted, taking %.1f points (%.1f without the defences)%n",
                i.discounted(), i.pointsLost(), i.undefended());
        // Groups with the same kind and reason are listed together.
        Map<String, java.util.List<Integrity.Group>> alike = new java.util.LinkedHashMap<>();
        for (Integrity.Group g : i.groups()) {
            alike.computeIfAbsent(g.kind() + "|" + g.why(), k -> new java.util.ArrayList<>()).add(g);
        }
        for (java.util.List<Integrity.Group> list : alike.values()) {
            Integrity.Group first = list.get(0);
            int members = 0;
            double credit = 0;
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            StringBuilder who = new StringBuilder();
            int shown = 0;
            for (Integrity.Group g : list) {
                members += g.members();
                credit += g.credit();
                from = Math.min(from, g.arrivalMillis());
                to = Math.max(to, g.arrivalMillis());
                for (dev.renown.core.event.AccountKey k : g.sample()) {
                    if (shown++ < 8) {
                        who.append(who.length() == 0 ? "" : ", ").append(k.id());
                    }
                }
            }
            out.printf(Locale.ROOT, "  %-15s %,d group%s, %,d account%s, arrived %s%s, count as %.2f: %s%n",
                    first.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), list.size(),
                    list.size() == 1 ? "" : "s", members, members == 1 ? "" : "s", time(from),
                    to > from ? " to " + time(to) : "", credit, first.why());
            out.printf(Locale.ROOT, "  %15s e.g. %s%s%n", "", who, members > shown ? ", …" : "");
        }
    }

    static String kinds(Map<InteractionKind, Integer> counts) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<InteractionKind, Integer> e : counts.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getValue()).append(' ')
                    .append(plural(e.getKey().wireName(), e.getValue()));
        }
        return b.toString();
    }

    /** The share of accounts ranked at or above {@code rank}, with two significant digits. */
    static String topShare(int rank, int of) {
        double percent = 100.0 * rank / of;
        return new java.math.BigDecimal(percent).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    static String plural(String word, int count) {
        if (count == 1) {
            return word;
        }
        return word.endsWith("y") ? word.substring(0, word.length() - 1) + "ies" : word + "s";
    }

    static String number(double x) {
        if (x >= 100) {
            return String.format(Locale.ROOT, "%,.1f", x);
        }
        return String.format(Locale.ROOT, "%.3f", x);
    }

    private static String cut(String label) {
        return label.length() <= LABEL_WIDTH ? label : label.substring(0, LABEL_WIDTH - 1) + "…";
    }
}
