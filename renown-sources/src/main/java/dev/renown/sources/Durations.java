package dev.renown.sources;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as the command line and the parameter files write them: {@code 90d}, {@code 12h}, {@code P90D}. */
public final class Durations {

    private Durations() {
    }

    /**
     * A positive duration: {@code 90d}, {@code 12h}, {@code 30m}, {@code 2w}, {@code 45s}, or
     * ISO-8601 ({@code P90D}); anything else is an {@link IllegalArgumentException} saying so.
     */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
            }
            if (v.length() >= 2) {
                double amount = Double.parseDouble(v.substring(0, v.length() - 1));
                char unit = v.charAt(v.length() - 1);
                double seconds;
                switch (unit) {
                    case 'w': seconds = amount * 7 * 86400; break;
                    case 'd': seconds = amount * 86400; break;
                    case 'h': seconds = amount * 3600; break;
                    case 'm': seconds = amount * 60; break;
                    case 's': seconds = amount; break;
                    default: throw new NumberFormatException();
                }
                return positive(Duration.ofMillis(Math.round(seconds * 1000)), value);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + value + "' is not a duration; use 90d, 12h, 30m, 2w or P90D");
    }

    /** Days, for display: {@code 90d}, or hours when not whole days. */
    public static String describe(Duration d) {
        if (d.toMillis() % 86_400_000L == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000L == 0) {
            return d.toHours() + "h";
        }
        return d.toString();
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + value + "' must be a positive duration");
        }
        return d;
    }
}
