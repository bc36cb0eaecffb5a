package dev.renown.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsers for the time arguments of the command line. */
final class TimeArguments {

    private TimeArguments() {
    }

    /**
     * An instant: ISO-8601 ({@code 2012-07-04T12:00:00Z}, or with an offset), a date
     * ({@code 2012-07-04}, meaning its first instant in UTC), or Unix seconds.
     */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.trim();
            try {
                if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                if (v.matches("\\d+")) {
                    return Instant.ofEpochSecond(Long.parseLong(v));
                }
                try {
                    return Instant.parse(v);
                } catch (DateTimeParseException e) {
                    return OffsetDateTime.parse(v).toInstant();
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a time; use 2012-07-04, 2012-07-04T12:00:00Z or Unix seconds");
            }
        }
    }

    /** A duration: {@code 90d}, {@code 12h}, {@code 30m}, {@code 2w}, or ISO-8601 ({@code P90D}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
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
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration; use 90d, 12h, 30m, 2w or P90D");
        }

        private static Duration positive(Duration d, String value) {
            if (d.isZero() || d.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
            }
            return d;
        }
    }

    /** Parses a duration as {@link DurationConverter} does; a bad one is an {@link IllegalArgumentException}. */
    static Duration parseDuration(String value) {
        try {
            return new DurationConverter().convert(value);
        } catch (CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Days, for display: {@code 90d}, or hours when not whole days. */
    static String describe(Duration d) {
        if (d.toMillis() % 86_400_000L == 0) {
            return d.toDays() + "d";
        }
        if (d.toMillis() % 3_600_000L == 0) {
            return d.toHours() + "h";
        }
        return d.toString();
    }
}
