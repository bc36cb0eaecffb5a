package dev.renown.cli;

import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Style;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code renown demo}: the shipped demo data, through the database, scored and explained. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Load the shipped demo data (SNAP Higgs Twitter activity, 1-7 July 2012) into the database "
                + "(the embedded DuckDB by default; nothing is loaded twice), write a snapshot per day, then print "
                + "the top accounts, explain the first, and serve the dashboard on them (http://127.0.0.1:7070/ "
                + "by default; --no-serve to stop after printing).")
final class DemoCommand implements Callable<Integer> {

    /** The demo data, relative to the repository root. */
    static final String DEMO_FILE = "data/demo/higgs-activity_time.txt.gz";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "20",
            description = "How many accounts to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--no-serve", description = "Print the scores and stop, without serving the dashboard.")
    boolean noServe;

    @Override
    public Integer call() throws Exception {
        Path file = StoreOptions.home().resolve(DEMO_FILE);
        if (!Files.isReadable(file)) {
            throw new Renown.UserError("demo data not found at " + file.toAbsolutePath()
                    + "; run renown from the repository root or set -Drenown.home", 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("Renown demo: SNAP Higgs Twitter activity (De Domenico et al. 2013), retweets, mentions and "
                + "replies around the Higgs boson announcement.");
        IngestCommand ingest = new IngestCommand();
        ingest.spec = spec;
        ingest.storeOptions = setup.store;
        ingest.sources.inputs.add(file);
        ingest.format = "snap-activity";
        ingest.rejectsFile = Path.of("renown-rejects.ndjson");
        ingest.batch = Store.DEFAULT_BATCH;
        int code = ingest.call();
        try (Store store = setup.store.open()) {
            int days = BackfillCommand.run(store, null, null, true, setup.scoring, out, err);
            if (days > 0) {
                out.println(days + " day(s) of snapshots written; see them with ./renown history ACCOUNT");
            }
        }
        ScoringSetup.Scored scored = setup.load(null, err);
        ScoreBoard board = scored.board();
        TextOutput text = new TextOutput(out);
        out.println();
        text.header(board);
        text.table(board, top);
        if (board.size() > 0) {
            out.println();
            text.explanation(board.explain(board.nodeAt(0), 5), Style.of(board, board.nodeAt(0)),
                    board.parameters().signalWeights());
            out.println();
            out.println("Explain any account: ./renown explain ID    its history: ./renown history ID");
        }
        out.flush();
        int exit = Math.max(code, scored.exitCode());
        if (noServe) {
            return exit;
        }
        out.println();
        try (Store store = setup.store.open()) {
            ServeCommand.serve(store, setup.scoring.parameters(), setup.scoring.params != null || setup.scoring.priors,
                    server.config(), out, err);
        }
        return exit;
    }
}
