package dev.renown.bench;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionSink;
import dev.renown.sources.Formats;
import dev.renown.sources.Input;
import dev.renown.sources.InteractionReader;
import dev.renown.sources.Rejects;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Parsing throughput of the file readers, single-threaded: one operation reads a whole input of
 * at least 50 MB held in memory ({@link ParseInputs}: the real samples repeated with distinct
 * ids) through {@link Formats#reader} into a sink that only hands every interaction and profile
 * to a {@link Blackhole}. The score is passes per second; the {@code mb} counter is the rate in
 * megabytes (10⁶ bytes) of uncompressed input per second, which is the figure to quote.
 *
 * <p>The reader runs on the benchmark thread ({@code PipelinedReader}'s second thread is not
 * used), and the input is not compressed, so what is measured is parsing: line splitting,
 * Jackson's streaming parser, field decoding, validation and building the interactions.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Benchmark)
public class ParseBenchmark {

    @Param({"twitter-v2", "bluesky-jetstream"})
    public String format;

    private byte[] content;
    private InteractionReader reader;

    /** Bytes read, reported as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rate {
        /** Megabytes (10⁶ bytes) of input read. */
        public double mb;
    }

    @Setup(Level.Trial)
    public void setUp() {
        content = ParseInputs.build(format);
        reader = Formats.reader(format, null);
        Counting check = new Counting(null);
        Rejects rejects = new Rejects();
        try {
            reader.read(Input.of("bench-" + format, content), check, rejects);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.printf(Locale.ROOT, "%n%s: %,d bytes, %,d interactions, %,d profiles, %,d rejects, %,d skipped per pass%n",
                format, content.length, check.interactions, check.profiles, rejects.total(), rejects.skipped());
    }

    @Benchmark
    public long parse(Rate rate, Blackhole bh) throws IOException {
        Counting sink = new Counting(bh);
        reader.read(Input.of("bench-" + format, content), sink, new Rejects());
        rate.mb += content.length / 1e6;
        return sink.interactions;
    }

    /** Counts what it receives and hands it to the blackhole. */
    private static final class Counting implements InteractionSink {
        private final Blackhole bh;
        long interactions;
        long profiles;

        Counting(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void accept(Interaction interaction) {
            interactions++;
            if (bh != null) {
                bh.consume(interaction);
            }
        }

        @Override
        public void profile(AccountProfile profile) {
            profiles++;
            if (bh != null) {
                bh.consume(profile);
            }
        }
    }
}
