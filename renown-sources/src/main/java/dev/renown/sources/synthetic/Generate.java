package dev.renown.sources.synthetic;

import dev.renown.core.event.InteractionKind;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a synthetic interaction file with the {@link Generator}:
 * <pre>
 * java -cp renown-bench/target/benchmarks.jar dev.renown.sources.synthetic.Generate \
 *     --interactions 2000000 --accounts 200000 --seed 1 --days 60 --dynamics social --out social.ndjson.gz
 * </pre>
 * Progress goes to stderr (from the first second on), then a summary. Exit codes: 0 done,
 * 1 the file could not be written, 2 bad arguments.
 */
public final class Generate {

    private static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks.jar dev.renown.sources.synthetic.Generate --interactions N --accounts M --days D",
            "           --dynamics social|qa --out FILE.ndjson[.gz] [--seed S] [--end T | --start T] [--network NAME]",
            "           [--duplicates RATE] [--self RATE] [--quiet]",
            "",
            "  --interactions N   lines to write, duplicates included (1000000, 1_000_000, 1e6, 10M, 500k)",
            "  --accounts M       accounts that may take part, ids 1..M",
            "  --days D           span of the times, in days (decimals allowed: 2191.5 is six years)",
            "  --dynamics         social (Twitter-like) or qa (questions and answers); see Generator's Javadoc",
            "  --out FILE         generic NDJSON; gzip-compressed when FILE ends with .gz",
            "  --seed S           the same seed and options always give the same file, byte for byte (default 1)",
            "  --end T            end of the span, exclusive, ISO-8601 (default 2024-01-01T00:00:00Z: in the past)",
            "  --start T          start of the span instead, ISO-8601",
            "  --network NAME     network of every line (default: the dynamics' name)",
            "  --duplicates RATE  share of lines repeating an earlier event id (default 0.005)",
            "  --self RATE        share of lines whose actor is their target (default 0.003)",
            "  --quiet            no progress, no summary");

    private static final long FIRST_REPORT_NANOS = 1_000_000_000L;

    private Generate() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs with {@code args}, reporting to {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream err) {
        Generator.Parameters p;
        Path out;
        boolean quiet = false;
        try {
            Long interactions = null;
            Integer accounts = null;
            Double days = null;
            Generator.Dynamics dynamics = null;
            Path file = null;
            long seed = 1;
            Instant start = null;
            Instant end = null;
            String network = null;
            double duplicates = Generator.Parameters.DUPLICATE_RATE_DEFAULT;
            double self = Generator.Parameters.SELF_RATE_DEFAULT;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    err.println(USAGE);
                    return 0;
                }
                if (a.equals("--quiet") || a.equals("-q")) {
                    quiet = true;
                    continue;
                }
                String value;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    value = args[++i];
                }
                switch (a) {
                    case "--interactions", "-n" -> interactions = count(a, value);
                    case "--accounts", "-m" -> accounts = Math.toIntExact(count(a, value));
                    case "--days", "-d" -> days = number(a, value);
                    case "--dynamics" -> dynamics = Generator.Dynamics.parse(value);
                    case "--out", "-o" -> file = Path.of(value);
                    case "--seed", "-s" -> seed = Long.parseLong(value.trim());
                    case "--start" -> start = Instant.parse(value.trim());
                    case "--end" -> end = Instant.parse(value.trim());
                    case "--network" -> network = value.trim();
                    case "--duplicates" -> duplicates = number(a, value);
                    case "--self" -> self = number(a, value);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            require(interactions != null, "--interactions");
            require(accounts != null, "--accounts");
            require(days != null, "--days");
            require(dynamics != null, "--dynamics");
            require(file != null, "--out");
            if (!(days > 0) || days > 3_000_000) {
                throw new IllegalArgumentException("--days must be positive: " + days);
            }
            Duration span = Duration.ofSeconds(Math.max(1, Math.round(days * 86_400)));
            if (start != null && end != null) {
                throw new IllegalArgumentException("give --start or --end, not both");
            }
            if (start == null) {
                start = (end == null ? Generator.Parameters.END_DEFAULT : end).minus(span);
            }
            p = new Generator.Parameters(interactions, accounts, seed, start, span, dynamics, duplicates, self,
                    network == null ? dynamics.wireName() : network);
            out = file;
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            err.println("generate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }

        long begin = System.nanoTime();
        Reporter reporter = quiet ? null : new Reporter(err, p, begin);
        Generator.Summary s;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            s = new Generator(p).write(out, reporter == null ? null : reporter::at);
        } catch (IOException e) {
            err.println("generate: cannot write " + out + ": " + e);
            return 1;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (reporter != null) {
            reporter.end();
            long written;
            try {
                written = Files.size(out);
            } catch (IOException e) {
                written = -1;
            }
            err.printf(Locale.ROOT, "generate: %,d lines (%,d duplicates, %,d self-interactions) to %s: "
                            + "%.1f MB of NDJSON, %.1f MB on disk, in %.1f s (%,.0f lines/s); peak heap %.0f MB%n",
                    s.lines(), s.duplicates(), s.selfInteractions(), out, s.bytes() / 1e6, written / 1e6, seconds,
                    s.lines() / seconds, peakHeap() / 1e6);
            StringBuilder kinds = new StringBuilder();
            for (Map.Entry<InteractionKind, Long> e : s.byKind().entrySet()) {
                kinds.append(kinds.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%",
                        e.getKey().wireName(), 100.0 * e.getValue() / Math.max(1, s.lines())));
            }
            err.printf(Locale.ROOT, "generate: %s; %,d of %,d accounts appear; at most %,d acts were waiting%n",
                    kinds, s.accountsSeen(), p.accounts(), s.maxPending());
        }
        return 0;
    }

    private static void require(boolean given, String option) {
        if (!given) {
            throw new IllegalArgumentException(option + " is required");
        }
    }

    /** A whole count: {@code 1000000}, {@code 1_000_000}, {@code 1,000,000}, {@code 1e6}, {@code 1M}, {@code 500k}. */
    static long count(String option, String text) {
        String t = text.trim().replace("_", "").replace(",", "");
        long unit = 1;
        char last = t.isEmpty() ? ' ' : Character.toLowerCase(t.charAt(t.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1_000L : last == 'm' ? 1_000_000L : 1_000_000_000L;
            t = t.substring(0, t.length() - 1);
        }
        double v = number(option, t) * unit;
        if (v < 0 || v != Math.rint(v) || v > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(option + " must be a whole number, at least 0: " + text);
        }
        return (long) v;
    }

    private static double number(String option, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number: " + text);
        }
    }

    /** Peak heap in use, summed over the heap's memory pools. */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Progress on stderr: one line per second on a terminal (rewritten in place), one per five seconds otherwise. */
    private static final class Reporter {
        private final PrintStream err;
        private final Generator.Parameters p;
        private final long begin;
        private final boolean terminal = System.console() != null;
        private long next;
        private boolean printed;

        Reporter(PrintStream err, Generator.Parameters p, long begin) {
            this.err = err;
            this.p = p;
            this.begin = begin;
            this.next = begin + FIRST_REPORT_NANOS;
        }

        void at(long lines, long second) {
            long now = System.nanoTime();
            if (now < next) {
                return;
            }
            next = now + (terminal ? 1_000_000_000L : 5_000_000_000L);
            double elapsed = (now - begin) / 1e9;
            String line = String.format(Locale.ROOT,
                    "generate: %,d / %,d lines (%.0f%%), %,.0f lines/s, at %s (%.1f s)", lines, p.interactions(),
                    100.0 * lines / p.interactions(), lines / elapsed, Instant.ofEpochSecond(second), elapsed);
            err.print(terminal ? "\r" + line + "\033[K" : line + "\n");
            err.flush();
            printed = true;
        }

        void end() {
            if (printed && terminal) {
                err.print("\n");
            }
        }
    }
}
