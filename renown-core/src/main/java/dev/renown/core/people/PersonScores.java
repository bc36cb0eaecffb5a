package dev.renown.core.people;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.score.Calibration;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.SignalKind;
import dev.renown.core.score.Style;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A person's score, combined from its accounts on every network by scoring the person as one
 * account.
 *
 * <p><b>The rule.</b> The interactions of the window are scored again with each person's accounts
 * contracted into one node ({@link EventTable#remap}): every interaction to or from any of P's
 * accounts becomes one to or from P, and every other person is contracted likewise. The person's
 * signal values, defences and score are then those of that node, computed by the same
 * {@link Scorer} and parameters as every account's — one definition for both:
 * <pre>
 *   x_s(P) = x_s of node P in the graph where each person's accounts are one node
 *   bits(P) = Σ_s w_s·log₂(1 + x_s(P)),   score(P) = 1 + 99·min(1, bits(P)/L)
 * </pre>
 * Hence:
 * <ul>
 *   <li>the same engager reaching two of a person's accounts is one engager of P, and one human
 *       engaging from two linked accounts is one engager too;</li>
 *   <li>a person with one account, among unlinked others, scores what the account scores (up to
 *       what contracting other persons changes in network impact's propagation);</li>
 *   <li>a person strong on two networks ranks above one equally strong on one: the engagers add;</li>
 *   <li>an extra account adds its engagers and never removes one, so it never lowers an honest
 *       person's score; what P's own accounts do to one another is self-interaction and counts
 *       for nothing;</li>
 *   <li>the integrity defences see the person whole: a ring that spreads its engagement over the
 *       person's accounts is judged as one ring on one target — so an extra account <em>can</em>
 *       lower the score when its engagement gives such a ring away, which is the defence's job;</li>
 *   <li>the breakdown gives each network the points its accounts earned: signal {@code s}'s points
 *       are shared among networks in proportion to the terms the person's accounts hold on the
 *       accounts' own boards (terms among the person's own accounts left out), so the networks'
 *       points add up to the score minus 1.</li>
 * </ul>
 * Accounts not scored in the board's window (no interaction in it) add nothing. The cost is a
 * second scoring of the window's interactions, made only when persons are asked for.
 */
public final class PersonScores {

    private PersonScores() {
    }

    /**
     * A person's combined score, its breakdown, and its accounts' own scores; {@code parties} is,
     * per signal, how many other parties (accounts or persons) hold a term of its value.
     */
    public record PersonScore(String person, int rank, double score, double bits, Map<SignalKind, Double> values,
                              Map<SignalKind, Double> points, Map<String, Double> pointsByNetwork,
                              Map<SignalKind, Integer> parties, List<LinkedAccount> accounts) {
        public double value(SignalKind kind) {
            return values.get(kind);
        }

        public double points(SignalKind kind) {
            return points.get(kind);
        }

        /** Whether any of the person's accounts was scored in the window. */
        public boolean scored() {
            return accounts.stream().anyMatch(LinkedAccount::scored);
        }

        /**
         * Its style among the accounts of the board it was scored on
         * ({@link Style#of(ScoreBoard, double[], int)}): its values' percentiles among the accounts', and as
         * partners its engagers plus the accounts it engaged, each other party once per direction. A person of
         * one account has the account's style.
         */
        public Style.Verdict style(ScoreBoard board) {
            double[] row = new double[SignalKind.count()];
            for (SignalKind kind : SignalKind.values()) {
                row[kind.ordinal()] = value(kind);
            }
            return Style.of(board, row, parties.get(SignalKind.REACH) + parties.get(SignalKind.OUTREACH));
        }
    }

    /** One account of a person: its own score and rank on the board, when it was scored. */
    public record LinkedAccount(AccountKey account, boolean scored, double score, int rank) {
    }

    /**
     * The persons scored, and the board they were scored on: the window's interactions with each
     * person's accounts contracted into its representative ({@link #node}), for the evidence and
     * integrity of a person as {@link ScoreBoard#explain} and {@link ScoreBoard#integrity} give them.
     */
    public record Result(List<PersonScore> persons, ScoreBoard board, Map<String, Integer> nodes) {

        /** The person's node on {@link #board()}, if any of its accounts was scored. */
        public OptionalInt node(String person) {
            Integer v = nodes.get(person);
            return v == null ? OptionalInt.empty() : OptionalInt.of(v);
        }

        public java.util.Optional<PersonScore> person(String person) {
            return persons.stream().filter(p -> p.person().equals(person)).findFirst();
        }
    }

    /** Every person of {@code people}, best first (ties by person id), scored on {@code board}'s window. */
    public static List<PersonScore> of(ScoreBoard board, People people) {
        return score(board, people).persons();
    }

    /**
     * Every person of {@code people}, best first, and the board of contracted persons.
     *
     * @param board the accounts' board; it must keep its events ({@link EventTable#requireEvents()})
     */
    public static Result score(ScoreBoard board, People people) {
        EventTable table = board.table().requireEvents();
        AccountIndex index = table.accounts();
        List<String> persons = people.persons();
        int[] to = new int[index.size()];
        for (int a = 0; a < to.length; a++) {
            to[a] = a;
        }
        // Each person stands as its busiest account (most interactions, then first seen), whose
        // network the contracted node keeps for the defences' per-network world and hubs.
        int[] busy = new int[index.size()];
        for (int e = 0; e < table.size(); e++) {
            busy[table.actor(e)]++;
            busy[table.target(e)]++;
        }
        int[] representative = new int[persons.size()];
        Arrays.fill(representative, -1);
        int[] personOfAccount = new int[index.size()];
        Arrays.fill(personOfAccount, -1);
        for (int p = 0; p < persons.size(); p++) {
            for (AccountKey key : people.accounts(persons.get(p))) {
                OptionalInt a = index.find(key);
                if (a.isPresent()) {
                    int account = a.getAsInt();
                    personOfAccount[account] = p;
                    int r = representative[p];
                    if (r < 0 || busy[account] > busy[r] || (busy[account] == busy[r] && account < r)) {
                        representative[p] = account;
                    }
                }
            }
        }
        for (int a = 0; a < to.length; a++) {
            if (personOfAccount[a] >= 0) {
                to[a] = representative[personOfAccount[a]];
            }
        }
        ScoreBoard contracted = new Scorer(board.parameters()).score(table.remap(to), board.asOfMillis());

        Calibration calibration = new Calibration(board.parameters());
        List<PersonScore> result = new ArrayList<>(persons.size());
        Map<String, Integer> nodes = new LinkedHashMap<>();
        for (int p = 0; p < persons.size(); p++) {
            OptionalInt v = representative[p] < 0 ? OptionalInt.empty() : contracted.nodeOfAccount(representative[p]);
            if (v.isPresent()) {
                nodes.put(persons.get(p), v.getAsInt());
            }
            result.add(score(board, contracted, calibration, people, persons.get(p), p, v, personOfAccount));
        }
        result.sort(Comparator.comparingDouble(PersonScore::score).reversed().thenComparing(PersonScore::person));
        List<PersonScore> ranked = new ArrayList<>(result.size());
        for (int i = 0; i < result.size(); i++) {
            PersonScore s = result.get(i);
            int rank = i > 0 && Math.round(s.score() * 1e6) == Math.round(result.get(i - 1).score() * 1e6)
                    ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new PersonScore(s.person(), rank, s.score(), s.bits(), s.values(), s.points(),
                    s.pointsByNetwork(), s.parties(), s.accounts()));
        }
        return new Result(List.copyOf(ranked), contracted, java.util.Collections.unmodifiableMap(nodes));
    }

    private static PersonScore score(ScoreBoard board, ScoreBoard contracted, Calibration calibration, People people,
                                     String person, int self, OptionalInt node, int[] personOfAccount) {
        List<AccountKey> accounts = people.accounts(person);
        int k = SignalKind.count();
        double[] values = new double[k];
        double bits = 0;
        Map<SignalKind, Integer> parties = new java.util.EnumMap<>(SignalKind.class);
        for (SignalKind kind : SignalKind.values()) {
            int[] count = {0};
            if (node.isPresent()) {
                values[kind.ordinal()] = contracted.value(kind, node.getAsInt());
                contracted.signal(kind).contributions(node.getAsInt(), (u, amount) -> count[0]++);
            }
            parties.put(kind, count[0]);
        }
        if (node.isPresent()) {
            bits = contracted.bits(node.getAsInt());
        }
        // Each network's terms on the accounts' own boards, terms among the person's accounts left out.
        AccountIndex index = board.table().accounts();
        InteractionGraph g = board.graph();
        Map<String, double[]> termsByNetwork = new LinkedHashMap<>();
        List<LinkedAccount> linked = new ArrayList<>(accounts.size());
        for (AccountKey a : accounts) {
            double[] terms = termsByNetwork.computeIfAbsent(a.network(), n -> new double[k]);
            OptionalInt account = index.find(a);
            OptionalInt v = account.isPresent() ? board.nodeOfAccount(account.getAsInt()) : OptionalInt.empty();
            if (v.isEmpty()) {
                linked.add(new LinkedAccount(a, false, Calibration.BASE, 0));
                continue;
            }
            linked.add(new LinkedAccount(a, true, board.score(v.getAsInt()), board.rank(v.getAsInt())));
            for (SignalKind kind : SignalKind.values()) {
                int s = kind.ordinal();
                board.signal(kind).contributions(v.getAsInt(), (u, amount) -> {
                    if (personOfAccount[g.account(u)] != self) {
                        terms[s] += amount;
                    }
                });
            }
        }
        Map<SignalKind, Double> valueMap = new java.util.EnumMap<>(SignalKind.class);
        Map<SignalKind, Double> pointMap = new java.util.EnumMap<>(SignalKind.class);
        double[] points = new double[k];
        double[] totalTerms = new double[k];
        termsByNetwork.values().forEach(t -> {
            for (int s = 0; s < k; s++) {
                totalTerms[s] += t[s];
            }
        });
        for (SignalKind kind : SignalKind.values()) {
            int s = kind.ordinal();
            points[s] = calibration.points(s, values[s], bits);
            valueMap.put(kind, values[s]);
            pointMap.put(kind, points[s]);
        }
        long networksScored = linked.stream().filter(LinkedAccount::scored).map(l -> l.account().network()).distinct()
                .count();
        Map<String, Double> byNetwork = new LinkedHashMap<>();
        termsByNetwork.forEach((network, terms) -> {
            boolean scoredHere = linked.stream().anyMatch(l -> l.scored() && l.account().network().equals(network));
            double sum = 0;
            for (int s = 0; s < k; s++) {
                if (totalTerms[s] > 0) {
                    sum += points[s] * terms[s] / totalTerms[s];
                } else if (scoredHere && points[s] > 0) {
                    sum += points[s] / networksScored; // no own terms to apportion by: an even share
                }
            }
            byNetwork.put(network, sum);
        });
        return new PersonScore(person, 0, calibration.score(bits), bits, valueMap, pointMap, byNetwork, parties, linked);
    }
}
