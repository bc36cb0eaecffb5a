package dev.renown.sources.synthetic;

import static dev.renown.core.event.InteractionKind.FOLLOW;
import static dev.renown.core.event.InteractionKind.LIKE;
import static dev.renown.core.event.InteractionKind.MENTION;
import static dev.renown.core.event.InteractionKind.QUOTE;
import static dev.renown.core.event.InteractionKind.REPLY;
import static dev.renown.core.event.InteractionKind.REPOST;

/**
 * The {@code qa} dynamics (a questions-and-answers site); described, with every constant, in the
 * Javadoc of {@link Generator}.
 */
final class QaModel implements Simulation.Model {

    // Accounts (see the Javadoc of Generator for what each means).
    static final double ASK_EXPONENT = 0.6;
    static final double ANSWER_EXPONENT = 1.0;
    static final double ANSWER_OFFSET = 3;
    static final double COMMENT_EXPONENT = 0.9;
    static final double JOINED_BEFORE = 0.2;
    static final double ACTIVE_WEEKS = 16;
    static final double DORMANT_WEEKS = 40;
    static final double JOIN_CONTRIBUTING = 0.35;
    static final double ASKING_WEEKS = 1.5;
    static final double NOT_ASKING_WEEKS = 52;
    static final double DORMANT_LEVEL = 0.03;
    static final double LEVEL_PERSISTENCE = 0.95;
    static final double LEVEL_SIGMA = 0.3;
    static final long MAX_TICKS = 400;

    // A question's thread.
    static final double NEW_QUESTION = 0.8;
    static final double EXTRA_ANSWERS = 0.7;
    static final double ANSWER_MEDIAN_HOURS = 2;
    static final double QUESTION_COMMENTS = 0.5;
    static final double CLARIFY_MEDIAN_HOURS = 1;
    static final double CLARIFIER_IS_ANSWERER = 0.5;
    static final double ASKER_ANSWERS_COMMENT = 0.6;
    static final double ASKER_COMMENTS = 0.6;
    static final double OTHER_COMMENTS = 0.5;
    static final double COMMENT_MEDIAN_HOURS = 3;
    static final double COMMENT_MENTIONS_ASKER = 0.1;
    static final double ANSWERER_REPLIES = 0.5;
    static final double REPLY_MEDIAN_HOURS = 1;
    static final double EXCHANGE_CONTINUES = 0.35;
    static final double EXCHANGE_DECAY = 0.6;
    static final double REPLY_AS_MENTION = 0.2;
    static final double ACCEPTED = 0.12;
    static final double ACCEPT_MEDIAN_HOURS = 8;
    static final double LONG_DELAY_SIGMA = 1.5;
    static final double DELAY_SIGMA = 1.2;

    // Acts outside a new thread (the rest of the 1 − NEW_QUESTION).
    static final double LATE_COMMENT = 0.35;
    static final double LINK = 0.2;
    static final double UPVOTE = 0.2;
    static final double FOLLOW_ANSWERER = 0.15;
    // The rest (0.1): a question shared (a repost).

    private static final long WEEK = 7 * 86_400L;
    private static final int ANSWER = 0;
    private static final int COMMENT = 1;
    private static final int QUESTION_COMMENT = 2;
    private static final int EXCHANGE = 3;
    private static final int ACCEPT = 4;

    private final Simulation sim;
    private final Rng rng;
    private final int n;
    private final double[] ask;
    private final double[] answer;
    private final double[] comment;
    private final long[] joins;
    private final boolean[] active;
    private final boolean[] asking;
    private final double[] logLevel;
    private final double[] weights;
    private final double[] level;
    private final AliasTable askers;
    private final AliasTable answerers;
    private final AliasTable commenters;
    private final long[] lastPost;
    private final Rng state;
    private final long tick;

    QaModel(Simulation sim) {
        this.sim = sim;
        this.rng = sim.rng;
        this.n = sim.accounts;
        Rng setup = Rng.stream(sim.parameters.seed(), Simulation.ACCOUNTS);
        this.state = Rng.stream(sim.parameters.seed(), Simulation.DRIFT);
        int[] askRank = setup.permutation(n);
        int[] answerRank = setup.permutation(n);
        int[] commentRank = setup.permutation(n);
        ask = new double[n];
        answer = new double[n];
        comment = new double[n];
        joins = new long[n];
        active = new boolean[n];
        asking = new boolean[n];
        logLevel = new double[n];
        weights = new double[n];
        level = new double[n];
        long span = sim.endSecond - sim.startSecond;
        for (int i = 0; i < n; i++) {
            ask[i] = StrictMath.pow(askRank[i] + 1.0, -ASK_EXPONENT);
            answer[i] = StrictMath.pow(answerRank[i] + ANSWER_OFFSET, -ANSWER_EXPONENT);
            comment[i] = StrictMath.pow(commentRank[i] + 1.0, -COMMENT_EXPONENT) + answer[i];
            boolean early = i < 2 || setup.chance(JOINED_BEFORE);
            joins[i] = early ? sim.startSecond : sim.startSecond + (long) (setup.nextDouble() * span);
            logLevel[i] = LEVEL_SIGMA / StrictMath.sqrt(1 - LEVEL_PERSISTENCE * LEVEL_PERSISTENCE) * setup.gaussian();
            // Newcomers come to ask, some to answer too; the others start as the chains' stationary shares.
            active[i] = setup.chance(early ? ACTIVE_WEEKS / (ACTIVE_WEEKS + DORMANT_WEEKS) : JOIN_CONTRIBUTING);
            asking[i] = !early || setup.chance(ASKING_WEEKS / (ASKING_WEEKS + NOT_ASKING_WEEKS));
        }
        askers = new AliasTable(n);
        answerers = new AliasTable(n);
        commenters = new AliasTable(n);
        lastPost = new long[n];
        tick = Math.max(WEEK, -Math.floorDiv(-span, MAX_TICKS));
    }

    /** A week, or {@code span / MAX_TICKS} when longer (spans over 7.7 years). */
    @Override
    public long tickSeconds() {
        return tick;
    }

    /**
     * One week: each of the two on/off chains (contributing: answering and commenting; asking)
     * switches at its rates, and every level takes an AR(1) step (accounts that joined less than
     * a week ago stay as they started); the three tables are rebuilt from role propensity ×
     * level × state, with weight 0 for accounts that have not joined yet.
     */
    @Override
    public void tick(long second) {
        if (second > sim.startSecond) {
            double weeks = (double) tick / WEEK;
            double stopContributing = switchChance(ACTIVE_WEEKS, weeks);
            double startContributing = switchChance(DORMANT_WEEKS, weeks);
            double stopAsking = switchChance(ASKING_WEEKS, weeks);
            double startAsking = switchChance(NOT_ASKING_WEEKS, weeks);
            double keep = StrictMath.pow(LEVEL_PERSISTENCE, weeks);
            double noise = LEVEL_SIGMA * StrictMath.sqrt((1 - keep * keep)
                    / (1 - LEVEL_PERSISTENCE * LEVEL_PERSISTENCE));
            for (int i = 0; i < n; i++) {
                if (joins[i] > second - tick) {
                    continue; // not yet joined, or joined this tick: still as it started
                }
                if (state.chance(active[i] ? stopContributing : startContributing)) {
                    active[i] = !active[i];
                }
                if (state.chance(asking[i] ? stopAsking : startAsking)) {
                    asking[i] = !asking[i];
                }
                logLevel[i] = keep * logLevel[i] + noise * state.roughGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            level[i] = joins[i] > second ? 0 : Rng.exp(logLevel[i]);
        }
        rebuild(askers, ask, asking);
        rebuild(answerers, answer, active);
        rebuild(commenters, comment, active);
    }

    /** Chance that a state with the given mean duration ends within {@code weeks}. */
    private static double switchChance(double meanWeeks, double weeks) {
        return -StrictMath.expm1(-weeks / meanWeeks);
    }

    private void rebuild(AliasTable table, double[] propensity, boolean[] on) {
        for (int i = 0; i < n; i++) {
            weights[i] = propensity[i] * level[i] * (on[i] ? 1 : DORMANT_LEVEL);
        }
        table.rebuild(weights);
    }

    @Override
    public void spontaneous() {
        if (rng.chance(NEW_QUESTION)) {
            newQuestion();
            return;
        }
        double r = rng.nextDouble();
        if (r < LATE_COMMENT) {
            int c = commenters.sample(rng);
            int a = sim.drawOther(answerers, c);
            long post = sim.newPost();
            sim.emit(REPLY, c, a, post, postOf(a));
            lastPost[c] = post;
        } else if ((r -= LATE_COMMENT) < LINK) {
            int x = answerers.sample(rng);
            int q = sim.drawOther(askers, x);
            sim.emit(QUOTE, x, q, sim.newPost(), postOf(q));
        } else if ((r -= LINK) < UPVOTE) {
            int x = commenters.sample(rng);
            int a = sim.drawOther(answerers, x);
            sim.emit(LIKE, x, a, 0, postOf(a));
        } else if ((r -= UPVOTE) < FOLLOW_ANSWERER) {
            int x = askers.sample(rng);
            sim.emit(FOLLOW, x, sim.drawOther(answerers, x), 0, 0);
        } else {
            int x = commenters.sample(rng);
            int q = sim.drawOther(askers, x);
            sim.emit(REPOST, x, q, sim.newPost(), postOf(q));
        }
    }

    /** An answer to one's own question, or a comment under one's own answer. */
    @Override
    public void self() {
        int x = answerers.sample(rng);
        long post = sim.newPost();
        sim.emit(REPLY, x, x, post, postOf(x));
        lastPost[x] = post;
    }

    @Override
    public void run(Simulation.Task t) {
        switch (t.type) {
            case ANSWER -> answer(t.a, t.post);
            case COMMENT -> commentOnAnswer(t);
            case QUESTION_COMMENT -> commentOnQuestion(t);
            case EXCHANGE -> exchange(t);
            case ACCEPT -> sim.emit(LIKE, t.a, t.b, 0, t.targetPost);
            default -> throw new IllegalStateException("unknown task " + t.type);
        }
    }

    /**
     * A question: not an interaction itself, so the first answer stands for it now; the other
     * answers and the comments asking for clarification are scheduled.
     */
    private void newQuestion() {
        int asker = askers.sample(rng);
        long question = sim.newPost();
        lastPost[asker] = question;
        answer(asker, question);
        int more = rng.geometric(EXTRA_ANSWERS);
        for (int i = 0; i < more; i++) {
            Simulation.Task t = sim.later(ANSWER, ANSWER_MEDIAN_HOURS * 3600, LONG_DELAY_SIGMA);
            t.a = asker;
            t.post = question;
            sim.schedule(t);
        }
        int clarifications = rng.poisson(QUESTION_COMMENTS);
        for (int i = 0; i < clarifications; i++) {
            Simulation.Task t = sim.later(QUESTION_COMMENT, CLARIFY_MEDIAN_HOURS * 3600, LONG_DELAY_SIGMA);
            t.a = asker;
            t.post = question;
            sim.schedule(t);
        }
    }

    /** An answer by an answerer drawn by this week's activity; its comments and acceptance scheduled. */
    private void answer(int asker, long question) {
        int answerer = sim.drawOther(answerers, asker);
        long post = sim.newPost();
        sim.emit(REPLY, answerer, asker, post, question);
        lastPost[answerer] = post;
        int comments = rng.poisson(OTHER_COMMENTS);
        for (int i = rng.chance(ASKER_COMMENTS) ? -1 : 0; i < comments; i++) {
            Simulation.Task t = sim.later(COMMENT, COMMENT_MEDIAN_HOURS * 3600, LONG_DELAY_SIGMA);
            t.a = answerer;
            t.b = asker;
            t.c = i < 0 ? asker : -1;
            t.targetPost = post;
            sim.schedule(t);
        }
        if (rng.chance(ACCEPTED)) {
            Simulation.Task t = sim.later(ACCEPT, ACCEPT_MEDIAN_HOURS * 3600, DELAY_SIGMA);
            t.a = asker;
            t.b = answerer;
            t.targetPost = post;
            sim.schedule(t);
        }
    }

    /** A comment under an answer: by the asker, or by a commenter drawn then; the answerer may reply. */
    private void commentOnAnswer(Simulation.Task t) {
        int answerer = t.a;
        int asker = t.b;
        int c = t.c >= 0 ? t.c : sim.drawOther(commenters, answerer);
        long post = sim.newPost();
        if (!sim.emit(REPLY, c, answerer, post, t.targetPost)) {
            return;
        }
        lastPost[c] = post;
        if (c != asker && rng.chance(COMMENT_MENTIONS_ASKER)) {
            sim.emit(MENTION, c, asker, post, 0);
        }
        exchange(answerer, c, post, ANSWERER_REPLIES, EXCHANGE_CONTINUES);
    }

    /** A comment under the question asking for clarification; the asker may answer it. */
    private void commentOnQuestion(Simulation.Task t) {
        int asker = t.a;
        int c = sim.drawOther(rng.chance(CLARIFIER_IS_ANSWERER) ? answerers : commenters, asker);
        long post = sim.newPost();
        sim.emit(REPLY, c, asker, post, t.post);
        lastPost[c] = post;
        exchange(asker, c, post, ASKER_ANSWERS_COMMENT, EXCHANGE_CONTINUES);
    }

    /**
     * Schedules, with probability {@code p}, {@code speaker}'s reply to {@code other}'s comment;
     * the reply is answered in turn with probability {@code next}.
     */
    private void exchange(int speaker, int other, long otherPost, double p, double next) {
        if (rng.chance(p)) {
            Simulation.Task t = sim.later(EXCHANGE, REPLY_MEDIAN_HOURS * 3600, DELAY_SIGMA);
            t.a = speaker;
            t.b = other;
            t.targetPost = otherPost;
            t.scale = next;
            sim.schedule(t);
        }
    }

    /** A reply in a back-and-forth under a post (an @-ping now and then); it may go on. */
    private void exchange(Simulation.Task t) {
        long post = sim.newPost();
        if (rng.chance(REPLY_AS_MENTION)) {
            sim.emit(MENTION, t.a, t.b, post, 0);
        } else {
            sim.emit(REPLY, t.a, t.b, post, t.targetPost);
        }
        lastPost[t.a] = post;
        exchange(t.b, t.a, post, t.scale, t.scale * EXCHANGE_DECAY);
    }

    private long postOf(int x) {
        long p = lastPost[x];
        if (p == 0) {
            p = sim.newPost();
            lastPost[x] = p;
        }
        return p;
    }
}
