package dev.renown.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.renown.core.people.People;
import dev.renown.core.people.PersonScores;

import java.util.List;
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

    @CommandLine.Option(names = "--people", paramLabel = "FILE",
            description = "Rank persons instead of accounts: a CSV of person,network,account lines links each "
                    + "person's accounts; a person's score combines its accounts' (each engager once).")
    java.nio.file.Path people;

    @CommandLine.Option(names = "--stored-people",
            description = "Rank the persons linked in the database (renown people import) instead of accounts.")
    boolean storedPeople;

    @Override
    public Integer call() throws Exception {
        output.check(spec.commandLine());
        java.io.PrintWriter err = spec.commandLine().getErr();
        People.Read links = null;
        if (people != null && storedPeople) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --people FILE or --stored-people, not both");
        }
        if (people != null) {
            links = PeopleCommand.read(people, "--people: ", err);
        } else if (storedPeople) {
            try (dev.renown.store.Store store = setup.store.open()) {
                links = new People.Read(store.people(), List.of());
            }
            if (links.people().size() == 0) {
                throw new Renown.UserError("no person linked in the database: renown people import FILE links some", 1);
            }
        }
        // A ranking needs no explanation: the events go once they are folded into the graph.
        ScoringSetup.Scored scored = setup.load(input, err, links != null); // persons are scored again from the events
        if (links == null) {
            output.print(scored.board(), spec.commandLine().getOut());
            return scored.exitCode();
        }
        List<PersonScores.PersonScore> persons = PersonScores.of(scored.board(), links.people());
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            try (JsonOutput o = new JsonOutput(out)) {
                o.people(scored.board(), persons.subList(0, Math.min(output.top, persons.size())));
            }
        } else {
            TextOutput o = new TextOutput(out);
            o.header(scored.board());
            o.people(scored.board(), persons, output.top);
        }
        out.flush();
        return links.problems().isEmpty() ? scored.exitCode() : Renown.EXIT_REJECTS;
    }
}
