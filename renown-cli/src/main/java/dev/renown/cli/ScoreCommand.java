package dev.renown.cli;

import dev.renown.core.score.ScoreBoard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code renown score}: ranks every account of the input. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every account in the input files, or in the database, and print the top of the ranking.")
final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "Input (without --input, the interactions in the database are scored):%n")
    InputOptions input;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "20",
            description = "How many accounts to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 0, got " + top);
        }
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr());
        print(scored.board(), top, json, spec.commandLine().getOut());
        return scored.exitCode();
    }

    /** The top {@code top} accounts as a table or JSON: what {@code score} and {@code spark-score} print. */
    static void print(ScoreBoard board, int top, boolean json, java.io.PrintWriter out) throws java.io.IOException {
        if (json) {
            try (JsonOutput o = new JsonOutput(out)) {
                o.scores(board, board.top(top));
            }
        } else {
            TextOutput o = new TextOutput(out);
            o.header(board);
            o.table(board.top(top), board.parameters().signalWeights());
        }
        out.flush();
    }
}
