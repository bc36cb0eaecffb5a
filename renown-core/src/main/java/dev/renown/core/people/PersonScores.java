package dev.renown.core.people;

import dev.renown.core.event.AccountIndex;
import dev.renown.core.event.AccountKey;
import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.score.Calibration;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Signal;
import dev.renown.core.score.SignalKind;
import dev.renown.core.score.Style;
import it.unimi.dsi.fastutil.longs.Long2DoubleLinkedOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A person's score, combined from the scores of its accounts on each network.
 *
 * <p>Every signal's value is a sum of terms, one per other account involved
 * ({@link Signal#contributions}: an engager's credit for reach, an amplifier's reshares per post,
 * an account reached for outreach…). A person's value of signal {@code s} counts each other
 * party once, by its best term towards any of the person's accounts:
 * <pre>
 *   x_s(P) = Σ_{u ∉ P} max_{a ∈ P} c_s(a, u)
 * </pre>
 * where {@code u} ranges over the other parties — an account, or the person it is linked to, so
 * that one human engaging two of P's accounts, from one account or from two, is one engager —
 * and terms between P's own accounts are left out. The person's score is then the accounts'
 * function of its values ({@link Calibration}): {@code bits = Σ_s w_s·log₂(1 + x_s)}, score
 * {@code 1 + 99·min(1, bits/L)}. Hence, for terms {@code c ≥ 0}:
 * <ul>
 *   <li>the same engager reaching two of a person's accounts counts once (its larger term);</li>
 *   <li>a person with one account scores what the account scores;</li>
 *   <li>a person strong on two networks ranks above one equally strong on one: their engagers
 *       differ, so the terms add and every weighted value with terms grows;</li>
 *   <li>an extra account never lowers a person's score: it can only add parties or raise a
 *       party's best term — except terms between the person's own accounts, which are left out
 *       (engagement among one's own accounts is not influence);</li>
 *   <li>each term is discounted by the engager's voice (the integrity defences) where it was
 *       earned, and a bought engager that hits several of the person's accounts is counted once;</li>
 *   <li>the breakdown gives each network the points of the terms its accounts won: signal
 *       {@code s}'s points are shared among networks in proportion to the terms they hold, so the
 *       networks' points add up to the score minus 1.</li>
 * </ul>
 * Accounts not scored in the board's window (no interaction in it) add nothing.
 */
public final class PersonScores {

    private PersonScores() {
    }

    /**
     * A person's combined score, its breakdown, and its accounts' own scores; {@code parties} is,
     * per signal, how many other parties (accounts or persons) hold a term.
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

    /** Every person of {@code people}, best first (ties by person id), scored on {@code board}. */
    public static List<PersonScore> of(ScoreBoard board, People people) {
        InteractionGraph g = board.graph();
        AccountIndex index = board.table().accounts();
        int[] nodeOfAccount = new int[index.size()];
        Arrays.fill(nodeOfAccount, -1);
        for (int v = 0; v < g.nodeCount(); v++) {
            nodeOfAccount[g.account(v)] = v;
        }
        List<String> persons = people.persons();
        int[] personOfNode = new int[g.nodeCount()];
        Arrays.fill(personOfNode, -1);
        List<int[]> nodesOfPerson = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            List<AccountKey> accounts = people.accounts(persons.get(p));
            int[] nodes = new int[accounts.size()];
            for (int i = 0; i < nodes.length; i++) {
                OptionalInt a = index.find(accounts.get(i));
                nodes[i] = a.isPresent() ? nodeOfAccount[a.getAsInt()] : -1;
                if (nodes[i] >= 0) {
                    personOfNode[nodes[i]] = p;
                }
            }
            nodesOfPerson.add(nodes);
        }
        Calibration calibration = new Calibration(board.parameters());
        List<PersonScore> result = new ArrayList<>(persons.size());
        for (int p = 0; p < persons.size(); p++) {
            result.add(score(board, calibration, people, persons.get(p), p, nodesOfPerson.get(p), personOfNode,
                    persons.size()));
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
        return ranked;
    }

    private static PersonScore score(ScoreBoard board, Calibration calibration, People people, String person,
                                     int self, int[] nodes, int[] personOfNode, int personCount) {
        List<AccountKey> accounts = people.accounts(person);
        int k = SignalKind.count();
        double[] values = new double[k];
        Map<SignalKind, Integer> parties = new java.util.EnumMap<>(SignalKind.class);
        Map<String, double[]> termsByNetwork = new LinkedHashMap<>();
        for (AccountKey a : accounts) {
            termsByNetwork.putIfAbsent(a.network(), new double[k]);
        }
        for (SignalKind kind : SignalKind.values()) {
            Signal signal = board.signal(kind);
            // The best term of each other party, and which of the person's accounts earned it.
            Long2DoubleLinkedOpenHashMap best = new Long2DoubleLinkedOpenHashMap();
            Long2IntOpenHashMap earnedBy = new Long2IntOpenHashMap();
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] < 0) {
                    continue;
                }
                int account = i;
                signal.contributions(nodes[i], (u, amount) -> {
                    int owner = personOfNode[u];
                    if (owner == self) {
                        return;
                    }
                    long party = owner >= 0 ? owner : personCount + (long) u;
                    if (!best.containsKey(party) || amount > best.get(party)) {
                        best.put(party, amount);
                        earnedBy.put(party, account);
                    }
                });
            }
            int s = kind.ordinal();
            parties.put(kind, best.size());
            for (var e : best.long2DoubleEntrySet()) {
                values[s] += e.getDoubleValue();
                termsByNetwork.get(accounts.get(earnedBy.get(e.getLongKey())).network())[s] += e.getDoubleValue();
            }
        }
        double bits = calibration.bits(values);
        Map<SignalKind, Double> valueMap = new java.util.EnumMap<>(SignalKind.class);
        Map<SignalKind, Double> pointMap = new java.util.EnumMap<>(SignalKind.class);
        double[] points = new double[k];
        for (SignalKind kind : SignalKind.values()) {
            int s = kind.ordinal();
            points[s] = calibration.points(s, values[s], bits);
            valueMap.put(kind, values[s]);
            pointMap.put(kind, points[s]);
        }
        Map<String, Double> byNetwork = new LinkedHashMap<>();
        termsByNetwork.forEach((network, terms) -> {
            double sum = 0;
            for (int s = 0; s < k; s++) {
                if (values[s] > 0) {
                    sum += points[s] * terms[s] / values[s];
                }
            }
            byNetwork.put(network, sum);
        });
        List<LinkedAccount> linked = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            int v = nodes[i];
            linked.add(v < 0 ? new LinkedAccount(accounts.get(i), false, Calibration.BASE, 0)
                    : new LinkedAccount(accounts.get(i), true, board.score(v), board.rank(v)));
        }
        return new PersonScore(person, 0, calibration.score(bits), bits, valueMap, pointMap, byNetwork, parties, linked);
    }
}
