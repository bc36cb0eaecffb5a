package dev.renown.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the times the generic formats accept. */
final class Times {

    /** Seconds beyond this (year 5138) are taken for a mistake, such as milliseconds. */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private Times() {
    }

    /**
     * An ISO-8601 instant ({@code 2012-07-04T08:00:00Z}), an ISO-8601 date-time with offset
     * ({@code 2012-07-04T10:00:00+02:00}), or a decimal number of seconds since the epoch
     * ({@code 1341388800} or {@code 1341388800.250}); returns milliseconds since the epoch.
     */
    static long parseMillis(String field, String text) throws FieldException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new FieldException(field, "missing-field", "'" + field + "' is empty");
        }
        char first = t.charAt(0);
        if ((first >= '0' && first <= '9') && t.indexOf('-') < 0 && t.indexOf(':') < 0) {
            try {
                return secondsToMillis(field, new BigDecimal(t));
            } catch (NumberFormatException e) {
                throw bad(field, text);
            }
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw bad(field, text);
            }
        }
    }

    static long secondsToMillis(String field, BigDecimal seconds) throws FieldException {
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw new FieldException(field, "bad-time", seconds + " is not a plausible number of seconds since "
                    + "1970 (milliseconds given by mistake?)");
        }
        return seconds.movePointRight(3).longValue();
    }

    private static FieldException bad(String field, String text) {
        return new FieldException(field, "bad-time", "'" + text + "' is neither an ISO-8601 time such as "
                + "2012-07-04T08:00:00Z nor a number of seconds since 1970");
    }
}
