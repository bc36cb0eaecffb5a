package dev.renown.cli;

import dev.renown.core.score.ScoreBoard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code renown demo}: scores the demo data shipped in the repository. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Score the shipped demo data (SNAP Higgs Twitter activity, 1-7 July 2012), "
                + "print the top accounts and explain the first.")
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

    @Override
    public Integer call() throws Exception {
        Path file = Path.of(System.getProperty("renown.home", "."), DEMO_FILE);
        if (!Files.isReadable(file)) {
            throw new Renown.UserError("demo data not found at " + file.toAbsolutePath()
                    + "; run renown from the repository root or set -Drenown.home", 1);
        }
        InputOptions input = new InputOptions();
        input.inputs.add(file);
        input.format = "snap-activity";
        input.rejectsFile = Path.of("renown-rejects.ndjson");
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr());
        ScoreBoard board = scored.board();
        TextOutput out = new TextOutput(spec.commandLine().getOut());
        spec.commandLine().getOut().println("Renown demo: SNAP Higgs Twitter activity (De Domenico et al. 2013), "
                + "retweets, mentions and replies around the Higgs boson announcement.");
        out.header(board);
        out.table(board.top(top), board.parameters().signalWeights());
        if (board.size() > 0) {
            spec.commandLine().getOut().println();
            out.explanation(board.explain(board.nodeAt(0), 5), board.parameters().signalWeights());
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().println("Explain any account: ./renown explain ID --input " + DEMO_FILE);
        }
        spec.commandLine().getOut().flush();
        return scored.exitCode();
    }
}
