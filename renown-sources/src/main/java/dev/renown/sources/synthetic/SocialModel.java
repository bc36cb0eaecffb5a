package dev.renown.sources.synthetic;

import static dev.renown.core.event.InteractionKind.FOLLOW;
import static dev.renown.core.event.InteractionKind.LIKE;
import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.QUOTE;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;

/**
 * The {@code social} dynamics (Twitter-like); described, with every constant, in the Javadoc of
 * {@link Generator}.
 */
final class SocialModel implements Simulation.Model {

    // Accounts (see the Javadoc of Generator for what each means).
    static final double POPULARITY_EXPONENT = 1.0;
    static final double ACTIVITY_EXPONENT = 0.8;
    static final double ACTIVITY_OFFSET = 10;
    static final double LURKERS = 0.8;
    static final double LURKER_ACTIVITY = 0.05;
    static final double DRIFT_SIGMA = 0.05;
    static final double DRIFT_REVERSION = 0.02;
    static final double JUMP_RATE = 0.0005;
    static final double JUMP_SIZE = 2.0;
    static final double FANS_PER_MEAN_POPULARITY = 40;
    static final int MIN_FANS = 8;
    static final int FRIENDS = 30;
    static final long MAX_TICKS = 100;

    // Cascades: the engagement one post draws.
    static final double CASCADE_TAIL = 1.6;
    static final double CASCADE_SCALE = 2.0;
    static final double CASCADE_MEDIAN_HOURS = 1.5;
    static final double CASCADE_SIGMA = 0.8;
    static final double CASCADE_SLOT_SHARE = 0.25;
    static final double FAN_SHARE = 0.5;
    static final double CASCADE_LIKE = 0.52;
    static final double CASCADE_REPOST = 0.31;
    static final double CASCADE_QUOTE = 0.07;
    static final double AUTHOR_ANSWERS = 0.25;
    static final double FOLLOW_AFTER_ENGAGING = 0.03;
    static final double FOLLOW_MEDIAN_MINUTES = 10;

    // Acts started when nothing is due; the rest (0.16) engage with an older post of a popular account.
    static final double NEW_POST = 0.36;
    static final double NEW_FOLLOW = 0.16;
    static final double NEW_CONVERSATION = 0.16;
    static final double NEW_MENTION = 0.16;
    static final double OLD_LIKE = 0.6;
    static final double OLD_REPOST = 0.3;
    static final double FRIEND_SHARE = 0.6;
    static final double ANSWER_BACK = 0.4;
    static final double ANSWER_DECAY = 0.8;
    static final double ANSWER_MEDIAN_MINUTES = 15;
    static final double EXTRA_MENTION = 0.12;
    static final double MORE_MENTIONS = 0.25;
    static final double FOLLOW_FRIEND_SHARE = 0.3;
    static final double FOLLOW_BACK_FRIEND = 0.3;
    static final double FOLLOW_BACK_POPULAR = 0.02;
    static final double FOLLOW_BACK_MEDIAN_HOURS = 3;
    static final double DELAY_SIGMA = 1.2;

    // Self-interactions; the rest (0.1) are posts naming their own author.
    static final double SELF_REPLY = 0.6;
    static final double SELF_REPOST = 0.15;
    static final double SELF_QUOTE = 0.15;

    private static final int CASCADE = 0;
    private static final int CONVERSATION = 1;
    private static final int FOLLOW_TASK = 2;
    private static final long FAN_SALT = 0x5DEECE66DL;
    private static final long FRIEND_SALT = 0x2545F4914F6CDD1DL;

    private final Simulation sim;
    private final Rng rng;
    private final int n;
    private final double[] logPopularity0;
    private final double[] logPopularity;
    private final double[] weights;
    private final AliasTable engagers;
    private final AliasTable authors;
    private final AliasTable popular;
    private final long[] lastPost;
    private final Rng drift;
    private final long salt;
    private final long tick;
    private double meanPopularity;
    private double meanAuthorFactor;

    SocialModel(Simulation sim) {
        this.sim = sim;
        this.rng = sim.rng;
        this.n = sim.accounts;
        Rng setup = Rng.stream(sim.parameters.seed(), Simulation.ACCOUNTS);
        this.salt = setup.nextLong();
        this.drift = Rng.stream(sim.parameters.seed(), Simulation.DRIFT);
        int[] popularityRank = setup.permutation(n);
        int[] activityRank = setup.permutation(n);
        logPopularity0 = new double[n];
        logPopularity = new double[n];
        weights = new double[n];
        for (int i = 0; i < n; i++) {
            logPopularity0[i] = -POPULARITY_EXPONENT * StrictMath.log(popularityRank[i] + 1.0);
            logPopularity[i] = logPopularity0[i];
            weights[i] = StrictMath.pow(activityRank[i] + ACTIVITY_OFFSET, -ACTIVITY_EXPONENT)
                    * (setup.chance(LURKERS) ? LURKER_ACTIVITY : 1);
        }
        engagers = new AliasTable(n);
        engagers.rebuild(weights);
        authors = new AliasTable(n);
        popular = new AliasTable(n);
        lastPost = new long[n];
        tick = Math.max(86_400L, -Math.floorDiv(-(sim.endSecond - sim.startSecond), MAX_TICKS));
    }

    /** A day, or {@code span / MAX_TICKS} when longer, so that a long span costs at most 100 rebuilds. */
    @Override
    public long tickSeconds() {
        return tick;
    }

    /**
     * One tick of drift: log popularity follows an Ornstein–Uhlenbeck process around its initial
     * level, stepped exactly over the tick, with rare upward jumps; the tables are rebuilt.
     */
    @Override
    public void tick(long second) {
        if (second > sim.startSecond) {
            double days = tick / 86_400.0;
            double keep = StrictMath.exp(-DRIFT_REVERSION * days);
            double noise = DRIFT_SIGMA * StrictMath.sqrt((1 - keep * keep) / (2 * DRIFT_REVERSION));
            double jump = -StrictMath.expm1(-JUMP_RATE * days);
            for (int i = 0; i < n; i++) {
                double x0 = logPopularity0[i];
                double x = x0 + (logPopularity[i] - x0) * keep + noise * drift.roughGaussian();
                if (drift.chance(jump)) {
                    x += JUMP_SIZE;
                }
                logPopularity[i] = x;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Rng.exp(logPopularity[i]);
            sum += weights[i];
        }
        popular.rebuild(weights);
        meanPopularity = sum / n;
        double sumAuthors = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = StrictMath.sqrt(weights[i]);
            sumAuthors += weights[i];
        }
        authors.rebuild(weights);
        // The mean of √p over authors drawn with weight √p.
        meanAuthorFactor = sum / sumAuthors;
    }

    @Override
    public void spontaneous() {
        double r = rng.nextDouble();
        if (r < NEW_POST) {
            newPost();
        } else if ((r -= NEW_POST) < NEW_FOLLOW) {
            newFollow();
        } else if ((r -= NEW_FOLLOW) < NEW_CONVERSATION) {
            newConversation();
        } else if ((r -= NEW_CONVERSATION) < NEW_MENTION) {
            newMention();
        } else {
            oldPost();
        }
    }

    /** A thread (self-reply), a self-repost or self-quote, or a post naming its own author. */
    @Override
    public void self() {
        int x = authors.sample(rng);
        double r = rng.nextDouble();
        long own = postOf(x);
        long post = sim.newPost();
        if (r < SELF_REPLY) {
            sim.emit(REPLY, x, x, post, own);
        } else if ((r -= SELF_REPLY) < SELF_REPOST) {
            sim.emit(REPOST, x, x, post, own);
        } else if ((r -= SELF_REPOST) < SELF_QUOTE) {
            sim.emit(QUOTE, x, x, post, own);
        } else {
            sim.emit(MENTION, x, x, post, 0);
        }
        lastPost[x] = post;
    }

    @Override
    public void run(Simulation.Task t) {
        switch (t.type) {
            case CASCADE -> cascadeStep(t);
            case CONVERSATION -> conversationTurn(t);
            case FOLLOW_TASK -> follow(t.a, t.b, false);
            default -> throw new IllegalStateException("unknown task " + t.type);
        }
    }

    /** A post by an author drawn by √popularity, and its first engagement; the rest is scheduled. */
    private void newPost() {
        int author = authors.sample(rng);
        long post = sim.newPost();
        lastPost[author] = post;
        double tau = CASCADE_MEDIAN_HOURS * 3600 * StrictMath.exp(CASCADE_SIGMA * rng.gaussian());
        double relative = Rng.exp(0.5 * logPopularity[author]) / meanAuthorFactor;
        double size = CASCADE_SCALE * rng.pareto(CASCADE_TAIL) * relative;
        double cap = Math.max(1, CASCADE_SLOT_SHARE * sim.linesPerSecond * 3 * tau);
        int k = (int) Math.ceil(Math.min(size, cap));
        Simulation.Task t = sim.task(CASCADE, sim.now());
        t.a = author;
        t.post = post;
        t.count = k;
        t.scale = tau;
        t.b = fans(author);
        cascadeStep(t);
    }

    /**
     * One engagement with a cascade's post, then the cascade waits for the next: of {@code k}
     * delays still to come, each exponential with mean {@code τ} from the post, the next ends
     * after a further exponential delay of mean {@code τ/k}.
     */
    private void cascadeStep(Simulation.Task t) {
        int author = t.a;
        int engager;
        if (rng.chance(FAN_SHARE)) {
            engager = fan(author, rng.nextInt(t.b));
        } else {
            engager = sim.drawOther(engagers, author);
        }
        double r = rng.nextDouble();
        if (r < CASCADE_LIKE) {
            sim.emit(LIKE, engager, author, 0, t.post);
        } else if (r < CASCADE_LIKE + CASCADE_REPOST) {
            sim.emit(REPOST, engager, author, sim.newPost(), t.post);
        } else if (r < CASCADE_LIKE + CASCADE_REPOST + CASCADE_QUOTE) {
            long post = sim.newPost();
            sim.emit(QUOTE, engager, author, post, t.post);
            lastPost[engager] = post;
        } else {
            long post = sim.newPost();
            sim.emit(REPLY, engager, author, post, t.post);
            conversation(author, engager, post, AUTHOR_ANSWERS);
        }
        if (rng.chance(FOLLOW_AFTER_ENGAGING)) {
            Simulation.Task f = sim.later(FOLLOW_TASK, FOLLOW_MEDIAN_MINUTES * 60, DELAY_SIGMA);
            f.a = engager;
            f.b = author;
            sim.schedule(f);
        }
        if (--t.count > 0) {
            t.time += rng.exponential() * t.scale / t.count;
            sim.schedule(t);
        }
    }

    private void newFollow() {
        int follower = engagers.sample(rng);
        boolean friend = rng.chance(FOLLOW_FRIEND_SHARE);
        int followee = friend ? friend(follower, rng.nextInt(FRIENDS)) : sim.drawOther(popular, follower);
        follow(follower, followee, rng.chance(friend ? FOLLOW_BACK_FRIEND : FOLLOW_BACK_POPULAR));
    }

    private void follow(int follower, int followee, boolean back) {
        sim.emit(FOLLOW, follower, followee, 0, 0);
        if (back) {
            Simulation.Task f = sim.later(FOLLOW_TASK, FOLLOW_BACK_MEDIAN_HOURS * 3600, DELAY_SIGMA);
            f.a = followee;
            f.b = follower;
            sim.schedule(f);
        }
    }

    /** A reply to a friend's or a popular account's post, which may become a conversation. */
    private void newConversation() {
        int x = engagers.sample(rng);
        int y = partner(x);
        long post = sim.newPost();
        sim.emit(REPLY, x, y, post, postOf(y));
        lastPost[x] = post;
        maybeExtraMention(x, y, post);
        conversation(y, x, post, ANSWER_BACK);
    }

    /** Schedules, with probability {@code p}, {@code speaker}'s answer to {@code other}'s post. */
    private void conversation(int speaker, int other, long otherPost, double p) {
        if (rng.chance(p)) {
            Simulation.Task t = sim.later(CONVERSATION, ANSWER_MEDIAN_MINUTES * 60, DELAY_SIGMA);
            t.a = speaker;
            t.b = other;
            t.targetPost = otherPost;
            t.scale = p;
            sim.schedule(t);
        }
    }

    private void conversationTurn(Simulation.Task t) {
        long post = sim.newPost();
        sim.emit(REPLY, t.a, t.b, post, t.targetPost);
        lastPost[t.a] = post;
        maybeExtraMention(t.a, t.b, post);
        conversation(t.b, t.a, post, t.scale * ANSWER_DECAY);
    }

    private void maybeExtraMention(int x, int y, long post) {
        if (rng.chance(EXTRA_MENTION)) {
            int z = friend(x, rng.nextInt(FRIENDS));
            if (z != y && z != x) {
                sim.emit(MENTION, x, z, post, 0);
            }
        }
    }

    /** A post naming one to three accounts (friends or popular ones), one line each. */
    private void newMention() {
        int x = engagers.sample(rng);
        long post = sim.newPost();
        lastPost[x] = post;
        int first = partner(x);
        sim.emit(MENTION, x, first, post, 0);
        int previous = first;
        while (rng.chance(MORE_MENTIONS)) {
            int y = partner(x);
            if (y != previous) {
                sim.emit(MENTION, x, y, post, 0);
                previous = y;
            }
        }
    }

    /** Engagement with the latest post of a popular account, outside its burst. */
    private void oldPost() {
        int author = popular.sample(rng);
        int x = sim.drawOther(engagers, author);
        long target = postOf(author);
        double r = rng.nextDouble();
        if (r < OLD_LIKE) {
            sim.emit(LIKE, x, author, 0, target);
        } else if (r < OLD_LIKE + OLD_REPOST) {
            sim.emit(REPOST, x, author, sim.newPost(), target);
        } else {
            long post = sim.newPost();
            sim.emit(REPLY, x, author, post, target);
            lastPost[x] = post;
        }
    }

    private int partner(int x) {
        return rng.chance(FRIEND_SHARE) ? friend(x, rng.nextInt(FRIENDS)) : sim.drawOther(popular, x);
    }

    /** The latest post of {@code x}, or a new one (a post the data did not show). */
    private long postOf(int x) {
        long p = lastPost[x];
        if (p == 0) {
            p = sim.newPost();
            lastPost[x] = p;
        }
        return p;
    }

    /** How many accounts are {@code author}'s fans: proportional to its current popularity. */
    private int fans(int author) {
        double f = FANS_PER_MEAN_POPULARITY * Rng.exp(logPopularity[author]) / meanPopularity;
        return (int) Math.max(MIN_FANS, Math.min(n - 1, f));
    }

    /**
     * The {@code j}-th fan of {@code author}: an engager drawn by activity with a hash of both for
     * randomness, so each author keeps the same fans and they cost no memory.
     */
    private int fan(int author, int j) {
        return sim.other(engagers.pick(Rng.mix(salt ^ FAN_SALT ^ ((long) author << 32 | j))), author);
    }

    /** The {@code j}-th of the {@link #FRIENDS} accounts {@code x} talks to. */
    private int friend(int x, int j) {
        return sim.other(Rng.below(Rng.mix(salt ^ FRIEND_SALT ^ ((long) x << 32 | j)), n), x);
    }
}
