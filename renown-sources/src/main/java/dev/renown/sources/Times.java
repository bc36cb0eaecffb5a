package dev.renown.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses the times the formats carry. */
public final class Times {

    /** Returned by the lenient parsers when the text is not a time. */
    static final long INVALID = Long.MIN_VALUE;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /** Seconds beyond this (year 5138) are taken for a mistake, such as milliseconds. */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private Times() {
    }

    /**
     * An ISO-8601 instant ({@code 2012-07-04T08:00:00Z}), an ISO-8601 date-time with offset
     * ({@code 2012-07-04T10:00:00+02:00}; a space instead of the {@code T} is taken too), or a
     * decimal number of seconds since the epoch ({@code 1341388800} or {@code 1341388800.250});
     * returns milliseconds since the epoch.
     */
    /**
     * A time as the generic formats write it — see {@link #parseMillis(String, String)} — for
     * runners outside this package (the Spark job); a bad one is an {@link IllegalArgumentException}.
     */
    public static long millis(String text) {
        try {
            return parseMillis("time", text);
        } catch (FieldException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** As {@link #millis(String)}, with the field's name in the error. */
    static long parseMillis(String field, String text) throws FieldException {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new FieldException(field, "missing-field", "'" + field + "' is empty");
        }
        char first = t.charAt(0);
        if ((first >= '0' && first <= '9') && t.indexOf('-') < 0 && t.indexOf(':') < 0) {
            return secondsToMillis(field, t);
        }
        long millis = isoMillis(t); // common shapes by hand, the rest through java.time
        if (millis == INVALID) {
            throw bad(field, text); // not a time, or one beyond what milliseconds since 1970 hold
        }
        return millis;
    }

    /** A decimal number of seconds, as text ({@code 1341388800.25}, {@code 1.3e9}), in milliseconds. */
    static long secondsToMillis(String field, String text) throws FieldException {
        try {
            return secondsToMillis(field, new BigDecimal(text));
        } catch (NumberFormatException e) { // also an exponent beyond an int
            throw bad(field, text);
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

    /**
     * An ISO-8601 / RFC 3339 date-time with a zone ({@code 2021-09-22T16:38:35.000Z},
     * {@code 2024-09-09T19:46:02.102+02:00}) in milliseconds, or {@link #INVALID}. The common
     * shapes are parsed by hand, since the JSON readers meet one per record; anything else goes
     * through {@code java.time}.
     */
    static long isoMillis(String t) {
        int n = t.length();
        if (n >= 20 && t.charAt(4) == '-' && t.charAt(7) == '-' && (t.charAt(10) == 'T' || t.charAt(10) == 't'
                || t.charAt(10) == ' ') && t.charAt(13) == ':' && t.charAt(16) == ':') {
            int year = digits(t, 0, 4);
            int month = digits(t, 5, 7);
            int day = digits(t, 8, 10);
            int hour = digits(t, 11, 13);
            int minute = digits(t, 14, 16);
            int second = digits(t, 17, 19);
            int i = 19;
            int millis = 0;
            if (i < n && t.charAt(i) == '.') {
                i++;
                int scale = 100;
                int start = i;
                while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    millis += (t.charAt(i) - '0') * scale;
                    scale /= 10;
                    i++;
                }
                if (i == start) {
                    return slow(t);
                }
            }
            int offsetMinutes;
            if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
                offsetMinutes = 0;
            } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
                int oh = digits(t, i + 1, i + 3);
                int om = digits(t, i + 4, i + 6);
                if (oh < 0 || om < 0 || oh > 18 || om > 59) {
                    return slow(t);
                }
                offsetMinutes = (oh * 60 + om) * (t.charAt(i) == '-' ? -1 : 1);
            } else {
                return slow(t);
            }
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                    || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                return slow(t);
            }
            long days = daysFromCivil(year, month, day);
            return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000L + second * 1000L + millis;
        }
        return slow(t);
    }

    private static long slow(String t) {
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                return INVALID;
            }
        }
    }

    /**
     * Twitter v1.1's {@code created_at}, {@code "Sat Mar 10 14:03:15 +0000 2018"}, in
     * milliseconds, or {@link #INVALID}.
     */
    static long twitterMillis(String t) {
        if (t.length() != 30 || t.charAt(3) != ' ' || t.charAt(7) != ' ' || t.charAt(10) != ' '
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != ' ' || t.charAt(25) != ' ') {
            return INVALID;
        }
        int m = MONTHS.indexOf(t.substring(4, 7));
        if (m < 0 || m % 3 != 0) {
            return INVALID;
        }
        int month = m / 3 + 1;
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int oh = digits(t, 21, 23);
        int om = digits(t, 23, 25);
        int year = digits(t, 26, 30);
        char sign = t.charAt(20);
        if (year < 0 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || oh < 0 || om < 0 || (sign != '+' && sign != '-')) {
            return INVALID;
        }
        int offsetMinutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000L + second * 1000L;
    }

    /** Decimal digits in {@code [from, to)} as an int, or -1. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        switch (month) {
            case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
