package dev.renown.cli;

import dev.renown.core.score.ScoreBoard;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The ranking's output options, {@code --top N} and {@code --json}, and the printing that
 * {@code score} and {@code spark-score} share, so that the two print the same lines.
 */
final class RankingOutput {

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "20",
            description = "How many accounts to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** Rejects a negative {@code --top} before any work is done. */
    void check(CommandLine command) {
        if (top < 0) {
            throw new CommandLine.ParameterException(command, "--top must be >= 0, got " + top);
        }
    }

    /** The top {@code top} accounts of {@code board} as a table or JSON. */
    void print(ScoreBoard board, PrintWriter out) throws IOException {
        if (json) {
            try (JsonOutput o = new JsonOutput(out)) {
                o.scores(board, top);
            }
        } else {
            TextOutput o = new TextOutput(out);
            o.header(board);
            o.table(board, top);
        }
        out.flush();
    }
}
