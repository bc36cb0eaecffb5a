package dev.renown.sources;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written time parsers against java.time, the reference. */
class TimesTest {

    @Test
    void iso_times_parse_as_java_time_parses_them_on_seeded_random_instants() throws FieldException {
        Random r = new Random(7);
        DateTimeFormatter twitter = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);
        for (int i = 0; i < 20_000; i++) {
            long seconds = -2_208_988_800L + (long) (r.nextDouble() * 6_311_433_600L); // 1900 to 2100
            int nanos = r.nextInt(1_000_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(49) - 24) * 30 * 60);
            OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(offset);
            String iso = t.toString(); // 2012-07-04T10:00:00.123456789+02:00, or with Z
            long expected = t.toInstant().toEpochMilli();
            assertEquals(expected, Times.parseMillis("time", iso), iso);
            assertEquals(expected, Times.isoMillis(iso), iso);
            String v1 = t.withNano(0).format(twitter);
            assertEquals(t.withNano(0).toInstant().toEpochMilli(), Times.twitterMillis(v1), v1);
        }
    }

    @Test
    void numbers_are_seconds_and_nonsense_is_a_bad_time() throws FieldException {
        assertEquals(1_341_388_800_250L, Times.parseMillis("time", " 1341388800.25 "));
        assertEquals(1_300_000_000_000L, Times.parseMillis("time", "1.3e9"));
        assertEquals(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli(), Times.parseMillis("time", "2024-05-01 12:00:00Z"));
        for (String bad : new String[] {"yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "1e-2147483649",
            "+1000000000-01-01T00:00:00Z", "2024-05-01T12:00:00", "99999999999999"}) {
            FieldException e = assertThrows(FieldException.class, () -> Times.parseMillis("time", bad), bad);
            assertEquals("bad-time", e.reason(), bad);
        }
        assertEquals(Times.INVALID, Times.twitterMillis("Sat Mar 10 14:03:15 +0000 18"));
    }
}
