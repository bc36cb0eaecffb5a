package dev.renown.core.score;

import dev.renown.core.graph.InteractionGraph;
import dev.renown.core.integrity.EngagerVoices;

/**
 * Reach: how many distinct accounts engaged with an account, each weighted by how recent its
 * latest engagement is and by its voice, at two timescales.
 * <pre>
 *   R_h(v)   = Σ_{u→v} ω(u,v) · 2^(−age(u,v)/h)
 *   S(v)     = Σ_{u→v, u vouched} ω(u,v) · 2^(−age(u,v)/h_s)
 *   reach(v) = (1 + R_h(v))^(1−μ) · (1 + S(v))^μ − 1
 * </pre>
 * where {@code age(u,v)} is the age of {@code u}'s latest repost, quote, reply, mention or like of
 * {@code v} ({@link InteractionGraph#recency(int, double)}), {@code h} reach's half-life, {@code h_s}
 * its short half-life and {@code μ} the share of reach's doublings counted at the short one
 * ({@link ScoringParameters#recentShare()}), so that
 * {@code log₂(1 + reach) = (1 − μ)·log₂(1 + R_h) + μ·log₂(1 + S)}: how large the audience is
 * and how much of it is active now, each in doublings. With {@code μ = 0}, reach is {@code R_h}.
 * The recent part {@code S} counts only engagers that are established or whose group was vouched
 * for ({@link EngagerVoices#isVouched}): momentum cannot be bought from accounts nobody vouches
 * for — a burst of them may add one voice to the audience, but not a doubling of its activity.
 * {@code ω(u,v)} is the engager's voice ({@link EngagerVoices}: 1 for an established engager, less
 * for one tied to nothing but {@code v} and arriving with many like it).
 *
 * <p>Each engager counts once, whatever the kind and number of its interactions — "100 retweets
 * from 100 people beat 100 from one person" — and follows do not count: reach measures engagement,
 * not audience size. After Klout's <em>True Reach</em> ("how many people you influence"). Kind
 * weights and the per-day diminishing returns act in the other signals, not here: a person who
 * engaged is one person.
 *
 * <p>Contributions: engager {@code u}'s part of {@code reach(v)} is proportional to its part in
 * the doublings, {@code c_u = ω·[(1−μ)·2^(−age/h)/(1 + R_h) + μ·[u vouched]·2^(−age/h_s)/(1 + S)]}
 * ({@code ω·2^(−age/h)} when {@code μ = 0}), scaled so that the parts add up to the value.
 */
public final class Reach implements Signal {

    private final InteractionGraph g;
    private final EngagerVoices voices;
    private final double halfLifeSeconds;
    private final double recentShare;
    private final double recentHalfLifeSeconds;
    private final double[] values;
    private final double[] lasting;
    private final double[] recent;

    /**
     * @param halfLifeSeconds       {@code h}
     * @param recentShare           {@code μ}
     * @param recentHalfLifeSeconds {@code h_s}
     */
    public Reach(InteractionGraph g, EngagerVoices voices, double halfLifeSeconds, double recentShare,
                 double recentHalfLifeSeconds) {
        this.g = g;
        this.voices = voices;
        this.halfLifeSeconds = halfLifeSeconds;
        this.recentShare = recentShare;
        this.recentHalfLifeSeconds = recentHalfLifeSeconds;
        int n = g.nodeCount();
        this.values = new double[n];
        this.lasting = new double[n];
        this.recent = new double[n];
        for (int v = 0; v < n; v++) {
            double sumLasting = 0;
            double sumRecent = 0;
            for (int e = g.inStart(v); e < g.inEnd(v); e++) {
                double w = voices.voice(e);
                sumLasting += w * g.recency(e, halfLifeSeconds);
                if (recentShare > 0 && voices.isVouched(e)) {
                    sumRecent += w * g.recency(e, recentHalfLifeSeconds);
                }
            }
            lasting[v] = sumLasting;
            recent[v] = sumRecent;
            values[v] = recentShare == 0 ? sumLasting
                    : Math.pow(1 + sumLasting, 1 - recentShare) * Math.pow(1 + sumRecent, recentShare) - 1;
        }
    }

    @Override
    public double undefended(int v) {
        double sumLasting = 0;
        double sumRecent = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            sumLasting += g.recency(e, halfLifeSeconds);
            sumRecent += recentShare > 0 ? g.recency(e, recentHalfLifeSeconds) : 0; // every engager counted in full
        }
        return recentShare == 0 ? sumLasting
                : Math.pow(1 + sumLasting, 1 - recentShare) * Math.pow(1 + sumRecent, recentShare) - 1;
    }

    /** {@code R_h(v)}: engagers at reach's half-life. */
    public double lasting(int v) {
        return lasting[v];
    }

    /** {@code S(v)}: vouched engagers at the short half-life (0 when {@code μ = 0}). */
    public double recent(int v) {
        return recent[v];
    }

    @Override
    public SignalKind kind() {
        return SignalKind.REACH;
    }

    @Override
    public double value(int v) {
        return values[v];
    }

    @Override
    public void contributions(int v, ContributionSink sink) {
        double total = 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            total += part(v, e);
        }
        double scale = total > 0 ? values[v] / total : 0;
        for (int e = g.inStart(v); e < g.inEnd(v); e++) {
            if (g.hasEngagement(e)) {
                sink.accept(g.source(e), scale * part(v, e));
            }
        }
    }

    /** {@code c_u} of in-edge {@code e}. */
    private double part(int v, int e) {
        double w = voices.voice(e);
        if (recentShare == 0) {
            return w * g.recency(e, halfLifeSeconds);
        }
        double momentum = voices.isVouched(e) ? g.recency(e, recentHalfLifeSeconds) : 0;
        return w * ((1 - recentShare) * g.recency(e, halfLifeSeconds) / (1 + lasting[v])
                + recentShare * momentum / (1 + recent[v]));
    }
}
