package dev.renown.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    RankingOutput output = new RankingOutput();

    @Override
    public Integer call() throws Exception {
        output.check(spec.commandLine());
        // A ranking needs no explanation: the events go once they are folded into the graph.
        ScoringSetup.Scored scored = setup.load(input, spec.commandLine().getErr(), false);
        output.print(scored.board(), spec.commandLine().getOut());
        return scored.exitCode();
    }
}
