package dev.renown.core.score;

import java.util.Locale;

/** The five signals a score is made of, in the order they are reported. */
public enum SignalKind {
    /** How many distinct accounts engaged with this one (Klout's True Reach). */
    REACH("reach", "distinct accounts that engaged"),
    /** Reshares and replies received per own post (Klout's Amplification). */
    AMPLIFICATION("amplification", "reshares and replies per own post"),
    /** How influential the engaging accounts are themselves (Klout's Network Impact). */
    NETWORK_IMPACT("network_impact", "influence-weighted engagers"),
    /** Replies and mentions received, and dialogue that goes both ways. */
    CONVERSATION("conversation", "reply partners, reciprocated dialogue counted twice"),
    /** Engagement given to distinct others (Kred's Outreach). */
    OUTREACH("outreach", "distinct accounts engaged");

    private static final SignalKind[] VALUES = values();

    private final String wireName;
    private final String unit;

    SignalKind(String wireName, String unit) {
        this.wireName = wireName;
        this.unit = unit;
    }

    /** Name in JSON and files. */
    public String wireName() {
        return wireName;
    }

    /** What one unit of the raw value means, for explanations. */
    public String unit() {
        return unit;
    }

    public static int count() {
        return VALUES.length;
    }

    public static SignalKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Parses a wire name or enum name, ignoring case and '-'/'_' differences. */
    public static SignalKind parse(String name) {
        String normal = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SignalKind kind : VALUES) {
            if (kind.wireName.equals(normal)) {
                return kind;
            }
        }
        if (normal.equals("impact")) {
            return NETWORK_IMPACT;
        }
        throw new IllegalArgumentException("unknown signal '" + name + "'");
    }
}
