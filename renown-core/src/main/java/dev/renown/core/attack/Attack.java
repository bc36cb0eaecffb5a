package dev.renown.core.attack;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic attack on one account, injected into real data: the attackers' interactions are
 * added to a copy of the event table, ending at the data's last interaction (so that the attack
 * is as fresh as it can be when the account is scored). Fresh attacker accounts are new ids,
 * {@code attack-SCENARIO-N}, in the target's network; every choice is drawn from a
 * {@link SplittableRandom} with the plan's seed, so a plan always injects the same interactions.
 *
 * <p>The scenarios, with {@code k} their size:
 * <ul>
 *   <li>{@code sybil-ring}: {@code k} fresh accounts each repost the target once and repost or
 *       mention {@value #RING_LINKS} other ring members, at uniform times within the last day;</li>
 *   <li>{@code bought-burst}: {@code k} fresh accounts each repost the target once within the
 *       last hour, and do nothing else;</li>
 *   <li>{@code camouflage}: {@code k} fresh accounts each repost the target once and repost
 *       {@value #CAMOUFLAGE_POPULAR} of the {@value #POPULAR} accounts with the most distinct engagers, each act
 *       at its own uniform time within the last {@value #CAMOUFLAGE_DAYS} days, to look like ordinary fans;</li>
 *   <li>{@code reciprocal-ring}: an engagement pod of {@code k} existing accounts — the target and
 *       {@code k − 1} others that already have engagers — in which every member reposts or
 *       mentions every other member once a day, on each of the last {@value #POD_DAYS} days;</li>
 *   <li>{@code compromised}: the existing account with the most distinct engagers boosts the
 *       target {@code k} times, alternating mentions and reposts, within the last day;</li>
 *   <li>{@code sockpuppets}: {@code k} fresh accounts controlled by the target each engage it
 *       {@value #PUPPET_ACTS} times (reposts, mentions and replies in turn), at uniform times over the last
 *       {@value #PUPPET_DAYS} days, and nothing else.</li>
 * </ul>
 */
public final class Attack {

    static final int RING_LINKS = 3;
    static final int POPULAR = 50;
    static final int CAMOUFLAGE_POPULAR = 3;
    static final int CAMOUFLAGE_DAYS = 3;
    static final int POD_DAYS = 7;
    static final int PUPPET_ACTS = 20;
    static final int PUPPET_DAYS = 7;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** The attacks {@link Attack} can inject. */
    public enum Scenario {
        SYBIL_RING("sybil-ring", 1000),
        BOUGHT_BURST("bought-burst", 5000),
        CAMOUFLAGE("camouflage", 1000),
        RECIPROCAL_RING("reciprocal-ring", 50),
        COMPROMISED("compromised", 50),
        SOCKPUPPETS("sockpuppets", 5);

        private final String wireName;
        private final int defaultSize;

        Scenario(String wireName, int defaultSize) {
            this.wireName = wireName;
            this.defaultSize = defaultSize;
        }

        public String wireName() {
            return wireName;
        }

        /** The size {@code k} the scenario is described with. */
        public int defaultSize() {
            return defaultSize;
        }

        public static Scenario parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Scenario s : values()) {
                if (s.wireName.equals(n)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + name + "': one of "
                    + String.join(", ", Arrays.stream(values()).map(Scenario::wireName).toList()));
        }
    }

    /**
     * @param scenario the attack
     * @param size     {@code k}: attacker accounts, pod members, or boosts for {@code compromised}
     * @param target   the account attacked
     * @param seed     seed of every random choice
     */
    public record Plan(Scenario scenario, int size, AccountKey target, long seed) {
        public Plan {
            if (size < 1) {
                throw new IllegalArgumentException("attack size must be at least 1: " + size);
            }
            if (scenario == Scenario.RECIPROCAL_RING && size < 2) {
                throw new IllegalArgumentException("an engagement pod needs at least 2 members");
            }
        }
    }

    /**
     * The attacked data.
     *
     * @param table        the original events and the attack's
     * @param interactions interactions injected
     * @param freshAccounts attacker accounts that did not exist before
     * @param accomplices  existing accounts that took part (pod members, the compromised account)
     */
    public record Injected(EventTable table, int interactions, int freshAccounts, List<AccountKey> accomplices) {
    }

    private Attack() {
    }

    /**
     * Injects the plan's attack into a copy of {@code table}, ending at {@code endMillis}.
     *
     * @param popular existing accounts by decreasing distinct engagers (for camouflage and compromised)
     * @param engaged existing accounts that have at least one engager (pod members are drawn from them)
     */
    public static Injected inject(EventTable table, Plan plan, long endMillis, List<AccountKey> popular,
                                  List<AccountKey> engaged) {
        SplittableRandom random = new SplittableRandom(plan.seed());
        String network = plan.target().network();
        String target = plan.target().id();
        String prefix = "attack-" + plan.scenario().wireName() + "-";
        List<Interaction> added = new ArrayList<>();
        List<AccountKey> accomplices = new ArrayList<>();
        int fresh = 0;
        int k = plan.size();
        switch (plan.scenario()) {
            case SYBIL_RING: {
                fresh = k;
                for (int i = 0; i < k; i++) {
                    String me = prefix + i;
                    added.add(act(network, InteractionKind.REPOST, me, target, within(random, endMillis, DAY), added));
                    for (int j = 0; j < Math.min(RING_LINKS, k - 1); j++) {
                        int other = random.nextInt(k - 1);
                        other = other >= i ? other + 1 : other;
                        InteractionKind kind = random.nextBoolean() ? InteractionKind.REPOST : InteractionKind.MENTION;
                        added.add(act(network, kind, me, prefix + other, within(random, endMillis, DAY), added));
                    }
                }
                break;
            }
            case BOUGHT_BURST: {
                fresh = k;
                for (int i = 0; i < k; i++) {
                    added.add(act(network, InteractionKind.REPOST, prefix + i, target,
                            within(random, endMillis, HOUR), added));
                }
                break;
            }
            case CAMOUFLAGE: {
                fresh = k;
                List<String> stars = new ArrayList<>();
                for (AccountKey a : popular) {
                    if (stars.size() < POPULAR && a.network().equals(network) && !a.id().equals(target)) {
                        stars.add(a.id());
                    }
                }
                for (int i = 0; i < k; i++) {
                    String me = prefix + i;
                    added.add(act(network, InteractionKind.REPOST, me, target,
                            within(random, endMillis, CAMOUFLAGE_DAYS * DAY), added));
                    for (int j = 0; j < Math.min(CAMOUFLAGE_POPULAR, stars.size()); j++) {
                        added.add(act(network, InteractionKind.REPOST, me, stars.get(random.nextInt(stars.size())),
                                within(random, endMillis, CAMOUFLAGE_DAYS * DAY), added));
                    }
                }
                break;
            }
            case RECIPROCAL_RING: {
                List<String> pod = new ArrayList<>();
                pod.add(target);
                List<AccountKey> pool = new ArrayList<>();
                for (AccountKey a : engaged) {
                    if (a.network().equals(network) && !a.id().equals(target)) {
                        pool.add(a);
                    }
                }
                for (int i = 0; i < k - 1 && !pool.isEmpty(); i++) {
                    AccountKey member = pool.remove(random.nextInt(pool.size()));
                    pod.add(member.id());
                    accomplices.add(member);
                }
                for (int day = 0; day < POD_DAYS; day++) {
                    long dayEnd = endMillis - day * DAY;
                    for (String a : pod) {
                        for (String b : pod) {
                            if (!a.equals(b)) {
                                InteractionKind kind = random.nextBoolean() ? InteractionKind.REPOST
                                        : InteractionKind.MENTION;
                                added.add(act(network, kind, a, b, within(random, dayEnd, DAY), added));
                            }
                        }
                    }
                }
                break;
            }
            case COMPROMISED: {
                String booster = null;
                for (AccountKey a : popular) {
                    if (a.network().equals(network) && !a.id().equals(target)) {
                        booster = a.id();
                        accomplices.add(a);
                        break;
                    }
                }
                if (booster == null) {
                    throw new IllegalArgumentException("no other account to compromise in network " + network);
                }
                for (int i = 0; i < k; i++) {
                    InteractionKind kind = i % 2 == 0 ? InteractionKind.MENTION : InteractionKind.REPOST;
                    added.add(act(network, kind, booster, target, within(random, endMillis, DAY), added));
                }
                break;
            }
            case SOCKPUPPETS: {
                fresh = k;
                InteractionKind[] kinds = {InteractionKind.REPOST, InteractionKind.MENTION, InteractionKind.REPLY};
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < PUPPET_ACTS; j++) {
                        added.add(act(network, kinds[j % kinds.length], prefix + i, target,
                                within(random, endMillis, PUPPET_DAYS * DAY), added));
                    }
                }
                break;
            }
            default:
                throw new AssertionError(plan.scenario());
        }
        EventTableBuilder builder = EventTableBuilder.copyOf(table);
        added.forEach(builder::accept);
        return new Injected(builder.build(), added.size(), fresh, List.copyOf(accomplices));
    }

    /** A uniform instant in {@code (end − span, end]}, to the second. */
    private static long within(SplittableRandom random, long end, long span) {
        return end - 1000L * random.nextLong(span / 1000L);
    }

    private static Interaction act(String network, InteractionKind kind, String actor, String target, long time,
                                   List<Interaction> sofar) {
        return new Interaction("attack:" + sofar.size(), network, kind, actor, target, time, null, null, null,
                List.of());
    }
}
