package dev.renown.cli;

import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Style;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code renown explain}: one account's breakdown and the evidence behind it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one account's score: each signal's value, percentile and points, "
                + "and the interactions that produced them.")
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT",
            description = "The account: network:id, a bare id, or a handle.")
    String account;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "Input (without --input, the interactions in the database are scored):%n")
    InputOptions input;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = "--evidence", paramLabel = "N", defaultValue = "5",
            description = "Contributions listed per signal (default: ${DEFAULT-VALUE}).")
    int evidence;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (evidence < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--evidence must be >= 0, got " + evidence);
        }
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr());
        ScoreBoard board = scored.board();
        OptionalInt node = board.node(account);
        if (node.isEmpty()) {
            throw new Renown.UserError("account '" + account + "' was not scored: it has no interaction with "
                    + "another account in the window (" + board.size() + " accounts were scored)", 1);
        }
        Style.Verdict style = Style.of(board, node.getAsInt());
        if (json) {
            try (JsonOutput out = new JsonOutput(spec.commandLine().getOut())) {
                out.explanation(board, board.explain(node.getAsInt(), evidence), style,
                        board.integrity(node.getAsInt(), evidence));
            }
        } else {
            TextOutput out = new TextOutput(spec.commandLine().getOut());
            out.explanation(board.explain(node.getAsInt(), evidence), style, board.parameters().signalWeights());
            out.integrity(board.integrity(node.getAsInt(), Math.max(evidence, 50)));
        }
        spec.commandLine().getOut().flush();
        return scored.exitCode();
    }
}
