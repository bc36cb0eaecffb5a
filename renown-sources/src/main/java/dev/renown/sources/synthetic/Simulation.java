package dev.renown.sources.synthetic;

import dev.renown.core.event.InteractionKind;

import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * One run of the {@link Generator}: the slot clock, the queue of acts that are due later, the
 * duplicates and self-interactions, and the counts; the {@link Model} decides who does what.
 * Lives for one run; everything it holds is either per account or bounded, never per line.
 */
final class Simulation {

    /** Receives each line as primitive fields; {@code post} and {@code targetPost} are 0 when absent. */
    interface Lines {
        void line(long eventId, InteractionKind kind, int actor, int target, long second, long post, long targetPost);
    }

    /** What a dynamics decides; it draws from the simulation's {@code rng} and emits through its {@code emit}. */
    interface Model {
        /** Length of the period after which {@link #tick} is called again, in seconds. */
        long tickSeconds();

        /** Updates the accounts' latent state at {@code second} (called at the start, then every tick). */
        void tick(long second);

        /** Something new: called when no scheduled act is due; must emit at least one line. */
        void spontaneous();

        /** A self-interaction: must emit exactly one line whose actor is its target. */
        void self();

        /** A scheduled act that is now due. */
        void run(Task task);
    }

    /** An act scheduled for later; its fields mean what its model says. */
    static final class Task {
        double time;
        long order;
        int type;
        int a;
        int b;
        int c;
        long post;
        long targetPost;
        int count;
        double scale;

        Task(int type, double time) {
            this.type = type;
            this.time = time;
        }
    }

    /** Lines remembered as candidates for duplication. */
    private static final int RECENT = 1024;
    /** Salts of the independent random streams. */
    private static final long SLOTS = 1;
    private static final long EVENTS = 2;
    private static final long NOISE = 3;
    static final long ACCOUNTS = 4;
    static final long DRIFT = 5;

    final Generator.Parameters parameters;
    final Rng rng;
    final int accounts;
    final long startSecond;
    final long endSecond;
    /** Mean number of lines per second over the span. */
    final double linesPerSecond;

    private final Rng noise;
    private final SlotClock clock;
    private final Lines out;
    private final PriorityQueue<Task> due = new PriorityQueue<>(Simulation::compare);
    private long order;
    private long nextPost = 1;
    private long nextEvent = 1;

    private long now;
    private boolean slotHeld;
    private long lines;
    private long originals;
    private long acts;
    private long duplicatesPending;
    private final double duplicateOdds;

    private final long[] recentId = new long[RECENT];
    private final byte[] recentKind = new byte[RECENT];
    private final int[] recentActor = new int[RECENT];
    private final int[] recentTarget = new int[RECENT];
    private final long[] recentSecond = new long[RECENT];
    private final long[] recentPost = new long[RECENT];
    private final long[] recentTargetPost = new long[RECENT];

    final long[] byKind = new long[InteractionKind.count()];
    long duplicates;
    long selfInteractions;
    final BitSet seen;
    private long maxQueue;

    Simulation(Generator.Parameters p, Lines out) {
        this.parameters = p;
        this.out = out;
        this.accounts = p.accounts();
        this.startSecond = p.start().getEpochSecond();
        this.endSecond = startSecond + p.span().getSeconds();
        this.linesPerSecond = (double) p.interactions() / (endSecond - startSecond);
        this.rng = Rng.stream(p.seed(), EVENTS);
        this.noise = Rng.stream(p.seed(), NOISE);
        this.duplicateOdds = p.duplicateRate() / (1 - p.duplicateRate());
        this.seen = new BitSet(accounts);
        Generator.Rhythm r = p.dynamics().rhythm();
        this.clock = new SlotClock(startSecond, endSecond, p.interactions(), r.amplitude(), r.peakHour(),
                r.weekendFactor(), Rng.stream(p.seed(), SLOTS));
    }

    private static int compare(Task x, Task y) {
        int c = Double.compare(x.time, y.time);
        return c != 0 ? c : Long.compare(x.order, y.order);
    }

    /** Runs to the end, reporting every {@code 2^16} lines. */
    void run(Model m, Generator.Progress progress) {
        long n = parameters.interactions();
        long tick = m.tickSeconds();
        m.tick(startSecond);
        long nextTick = startSecond + tick;
        long nextReport = 1 << 16;
        while (lines < n) {
            if (!slotHeld) {
                now = clock.next();
                slotHeld = true;
            }
            while (now >= nextTick) {
                m.tick(nextTick);
                nextTick += tick;
            }
            if (duplicatesPending > 0) {
                duplicatesPending--;
                duplicate();
            } else {
                acts++;
                double linesPerAct = acts > 1 ? (double) originals / (acts - 1) : 1.0;
                if (noise.chance(parameters.selfRate() * linesPerAct)) {
                    m.self();
                } else {
                    Task head = due.peek();
                    if (head != null && head.time <= now) {
                        due.poll();
                        m.run(head);
                    } else {
                        m.spontaneous();
                    }
                }
            }
            maxQueue = Math.max(maxQueue, due.size());
            if (lines >= nextReport && progress != null) {
                progress.at(lines, now);
                nextReport += 1 << 16;
            }
        }
    }

    /** Largest number of acts that were waiting at once. */
    long maxQueue() {
        return maxQueue;
    }

    /** Time of the current slot, in seconds since the epoch. */
    long now() {
        return now;
    }

    /** True when the file has all its lines; models stop emitting then. */
    boolean full() {
        return lines >= parameters.interactions();
    }

    long newPost() {
        return nextPost++;
    }

    Task task(int type, double time) {
        return new Task(type, time);
    }

    void schedule(Task t) {
        t.order = order++;
        due.add(t);
    }

    /**
     * Emits one line at the current slot's time. Lines emitted by one act share that time; each
     * takes a slot all the same, so the file has exactly the requested number of lines.
     *
     * @return false, emitting nothing, when the file is already full
     */
    boolean emit(InteractionKind kind, int actor, int target, long post, long targetPost) {
        if (full()) {
            return false;
        }
        if (slotHeld) {
            slotHeld = false;
        } else {
            clock.next();
        }
        long id = nextEvent++;
        int slot = (int) (originals % RECENT);
        recentId[slot] = id;
        recentKind[slot] = (byte) kind.ordinal();
        recentActor[slot] = actor;
        recentTarget[slot] = target;
        recentSecond[slot] = now;
        recentPost[slot] = post;
        recentTargetPost[slot] = targetPost;
        originals++;
        count(kind, actor, target);
        out.line(id, kind, actor, target, now, post, targetPost);
        if (noise.chance(duplicateOdds)) {
            duplicatesPending++;
        }
        return true;
    }

    /** Emits a line seen shortly before again, with the same event id: a redelivery. */
    private void duplicate() {
        slotHeld = false;
        int back = noise.nextInt((int) Math.min(originals, RECENT));
        int slot = (int) ((originals - 1 - back) % RECENT);
        InteractionKind kind = InteractionKind.ofOrdinal(recentKind[slot]);
        duplicates++;
        count(kind, recentActor[slot], recentTarget[slot]);
        out.line(recentId[slot], kind, recentActor[slot], recentTarget[slot], recentSecond[slot],
                recentPost[slot], recentTargetPost[slot]);
    }

    private void count(InteractionKind kind, int actor, int target) {
        lines++;
        byKind[kind.ordinal()]++;
        if (actor == target) {
            selfInteractions++;
        }
        seen.set(actor);
        seen.set(target);
    }

    /** {@code x} itself unless it is {@code avoid}; then the next account. */
    int other(int x, int avoid) {
        return x != avoid ? x : (x + 1) % accounts;
    }

    /** An account drawn from {@code table} other than {@code avoid} (redrawn a few times, then shifted). */
    int drawOther(AliasTable table, int avoid) {
        for (int i = 0; i < 4; i++) {
            int x = table.sample(rng);
            if (x != avoid) {
                return x;
            }
        }
        return other(avoid, avoid);
    }

    /** A task for after a log-normal delay with the given median (seconds) and log-scale deviation. */
    Task later(int type, double medianSeconds, double sigma) {
        return new Task(type, now + rng.logNormal(medianSeconds, sigma));
    }
}
