package dev.renown.cli;

import dev.renown.sources.Durations;
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

    /** A duration: {@code 90d}, {@code 12h}, {@code 30m}, {@code 2w}, or ISO-8601 ({@code P90D}); see {@link Durations}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
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
        return Durations.describe(d);
    }
}
