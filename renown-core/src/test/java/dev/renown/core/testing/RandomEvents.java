package dev.renown.core.testing;

import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random interaction sets for property tests: a few to a few dozen accounts, skewed so
 * that some accounts are popular, all kinds, times spread over 120 days before {@link Events#T0}
 * (so some fall outside the default 90-day window), occasional self-interactions and posts.
 */
public final class RandomEvents {

    private RandomEvents() {
    }

    public static List<Interaction> generate(long seed) {
        Random r = new Random(seed);
        int accounts = 2 + r.nextInt(14);
        int count = 1 + r.nextInt(60);
        List<Interaction> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int actor = r.nextInt(accounts);
            // Targets skew towards low ids, as engagement skews towards a few accounts.
            int target = (int) Math.floor(accounts * Math.pow(r.nextDouble(), 2));
            InteractionKind kind = InteractionKind.ofOrdinal(r.nextInt(InteractionKind.count()));
            long age = (long) (r.nextDouble() * 120 * 86_400_000L);
            String post = r.nextInt(3) == 0 ? "p" + r.nextInt(20) : null;
            list.add(new Interaction("e" + seed + "-" + i, "test", kind, "u" + actor, "u" + target,
                    Events.T0.toEpochMilli() - age, post, null, null, List.of()));
        }
        return list;
    }
}
