package dev.renown.bench;

import dev.renown.core.event.EventTableBuilder;
import dev.renown.core.find.CampaignSearch;
import dev.renown.core.find.FindQuery;
import dev.renown.core.find.FindResult;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.ScoringParameters;
import dev.renown.sources.Input;
import dev.renown.sources.Rejects;
import dev.renown.sources.SnapActivityReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Warm latency of campaign search ({@link CampaignSearch#find}) over the whole Higgs demo data,
 * which carries no topics, so every query ranks by the overall score (the documented fallback).
 * Scores the data once with the prior parameters, builds the index once, then runs each query
 * {@value #WARMUP} times unmeasured and {@value #RUNS} times measured, one at a time, and prints
 * the mean, median and 99th percentile per query:
 * <pre>
 *   java -cp renown-bench/target/benchmarks.jar dev.renown.bench.FindLatency [FILE]
 * </pre>
 */
public final class FindLatency {

    private static final Path HIGGS = Path.of("data/demo/higgs-activity_time.txt.gz");
    private static final int WARMUP = 300;
    private static final int RUNS = 1000;

    private FindLatency() {
    }

    public static void main(String[] args) throws IOException {
        // Step 1: read and score the whole data, as renown score does with --priors.
        EventTableBuilder builder = new EventTableBuilder();
        new SnapActivityReader().read(new Input(args.length > 0 ? Path.of(args[0]) : HIGGS), builder, new Rejects());
        ScoreBoard board = new Scorer(ScoringParameters.defaults()).score(builder.build());

        // Step 2: the index, built once.
        long start = System.nanoTime();
        CampaignSearch search = new CampaignSearch(board, List.of());
        System.out.printf(Locale.ROOT, "Higgs: %,d accounts, %,d engager pairs; index built in %.0f ms%n",
                board.size(), board.graph().edgeCount(), (System.nanoTime() - start) / 1e6);

        // Step 3: the queries, from the cheapest (the top 20) to a full scan that keeps nobody.
        List<String> seeds = List.of(key(board, 0), key(board, 1), key(board, 2));
        FindQuery top = FindQuery.of("higgs");
        FindQuery[] queries = {
            top,
            top.withExcludeFlagged(true).withMinConversation(0.2).withAudience(100, 10_000),
            top.withSimilarTo(seeds).withMinOverlap(0.3),
            top.withExcludeFlagged(true).withSimilarTo(seeds).withMinConversation(0.5).withAudience(1000, 100_000),
            top.withMinConversation(1).withAudience(1_000_000, 2_000_000),
        };
        String[] names = {"top 20, no filter", "flagged out, conversation >= 0.2, audience 100-10k",
            "similar to the top 3, overlap >= 0.3", "all filters, similar to the top 3",
            "nobody passes (full scan)"};
        for (int q = 0; q < queries.length; q++) {
            FindResult r = null;
            for (int i = 0; i < WARMUP; i++) {
                r = search.find(queries[q]);
            }
            long[] nanos = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                r = search.find(queries[q]);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-52s %3d found, %,7d examined: mean %7.3f ms, median %7.3f ms, "
                    + "p99 %7.3f ms%n", names[q], r.candidates().size(), r.examined(),
                    Arrays.stream(nanos).average().orElse(0) / 1e6, nanos[RUNS / 2] / 1e6, nanos[RUNS * 99 / 100] / 1e6);
        }
    }

    private static String key(ScoreBoard board, int i) {
        return board.table().accounts().key(board.graph().account(board.nodeAt(i))).toString();
    }
}
