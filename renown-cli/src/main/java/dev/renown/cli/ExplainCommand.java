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
            description = "The account: network:id, a bare id, or a handle; with --person, a person's id.")
    String account;

    @Option(names = "--person", description = "Explain the person ACCOUNT names (its accounts linked in the database, "
            + "or in --people FILE), scored as one account.")
    boolean person;

    @Option(names = "--people", paramLabel = "FILE",
            description = "With --person: the person,network,account CSV that links the person's accounts.")
    java.nio.file.Path people;

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
        if (people != null && !person) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--people goes with --person");
        }
        if (person) {
            return explainPerson();
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

    private int explainPerson() throws Exception {
        java.io.PrintWriter err = spec.commandLine().getErr();
        dev.renown.core.people.People links;
        boolean leftOut = false;
        if (people != null) {
            dev.renown.core.people.People.Read read = PeopleCommand.read(people, "--people: ", err);
            links = read.people();
            leftOut = !read.problems().isEmpty();
        } else {
            try (dev.renown.store.Store store = setup.store.open()) {
                links = store.people();
            }
        }
        if (links.accounts(account).isEmpty()) {
            throw new Renown.UserError("no person '" + account + "' is linked" + (people != null ? " in " + people
                    : " in the database (renown people import FILE, or --people FILE)"), 1);
        }
        ScoringSetup.Scored scored = setup.load(input, err, true);
        ScoreBoard board = scored.board();
        dev.renown.core.people.PersonScores.Result result = dev.renown.core.people.PersonScores.score(board, links);
        dev.renown.core.people.PersonScores.PersonScore p = result.person(account).orElseThrow();
        OptionalInt node = result.node(account);
        if (node.isEmpty()) {
            throw new Renown.UserError("person '" + account + "' was not scored: none of its accounts "
                    + links.accounts(account) + " has an interaction with another account in the window", 1);
        }
        ScoreBoard merged = result.board();
        Style.Verdict style = p.style(board);
        dev.renown.core.score.Explanation x = merged.explain(node.getAsInt(), evidence);
        int persons = (int) result.persons().stream().filter(dev.renown.core.people.PersonScores.PersonScore::scored)
                .count();
        if (json) {
            try (JsonOutput out = new JsonOutput(spec.commandLine().getOut())) {
                out.personExplanation(board, p, persons, style, x, merged.integrity(node.getAsInt(), evidence));
            }
        } else {
            TextOutput out = new TextOutput(spec.commandLine().getOut());
            out.personExplanation(p, persons, style, x, board.parameters().signalWeights());
            out.integrity(merged.integrity(node.getAsInt(), Math.max(evidence, 50)));
        }
        spec.commandLine().getOut().flush();
        return leftOut ? Renown.EXIT_REJECTS : scored.exitCode();
    }
}
